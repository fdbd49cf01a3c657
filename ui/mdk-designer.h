/* mdk-designer.h: the experiment designer side panel
 *
 * Built from the core's parameter tables: task (with its description and
 * parameters), algorithm (parameters grouped in collapsible sections), seed
 * with a dice button, threads, stop conditions.  Edits go to the session;
 * parameters that cannot change during a run are locked with the reason.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-session.h"

G_BEGIN_DECLS

#define MDK_TYPE_DESIGNER (mdk_designer_get_type ())
G_DECLARE_FINAL_TYPE (MdkDesigner, mdk_designer, MDK, DESIGNER, GtkWidget)

GtkWidget *mdk_designer_new (MdkSession *session);

G_END_DECLS
