/* mdk-behaviour-space-view.h: the behaviour space of the run, on screen
 *
 * MAP-Elites' map of elites, novelty search's archive and the last
 * generation's behaviours, from the latest report (draw/mdk-behaviour-space.c
 * draws them).
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-behaviour-space.h"
#include "mdk-report.h"

G_BEGIN_DECLS

#define MDK_TYPE_BEHAVIOUR_SPACE_VIEW (mdk_behaviour_space_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkBehaviourSpaceView, mdk_behaviour_space_view, MDK, BEHAVIOUR_SPACE_VIEW, GtkWidget)

GtkWidget         *mdk_behaviour_space_view_new        (void);
/* What @report carries (NULL: nothing, as before a run). */
void               mdk_behaviour_space_view_set_report (MdkBehaviourSpaceView  *self,
                                                        MdkReport              *report);
MdkBehaviourSpace *mdk_behaviour_space_view_get_space  (MdkBehaviourSpaceView  *self);
/* format: "png", "svg", "pdf" (the drawing, at the view's size) or "csv". */
gboolean           mdk_behaviour_space_view_export     (MdkBehaviourSpaceView  *self,
                                                        GFile                  *file,
                                                        const char             *format,
                                                        GError                **error);

G_END_DECLS
