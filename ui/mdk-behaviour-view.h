/* mdk-behaviour-view.h: what the champion does on its task
 *
 * Shows an MdkTrace, picking the drawing by the trace's kind: a decision
 * boundary heat map with the data points, a truth table, a confusion matrix
 * or prediction against target.  On a decision boundary, a click adds a
 * training point: primary button class 1, secondary button (or Shift) class 0.
 * A pole-balancing episode plays as an animation, with controls below.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-trace.h"

G_BEGIN_DECLS

#define MDK_TYPE_BEHAVIOUR_VIEW (mdk_behaviour_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkBehaviourView, mdk_behaviour_view, MDK, BEHAVIOUR_VIEW, GtkWidget)

GtkWidget *mdk_behaviour_view_new       (void);
void       mdk_behaviour_view_set_trace (MdkBehaviourView *self,
                                         MdkTrace         *trace);
MdkTrace  *mdk_behaviour_view_get_trace (MdkBehaviourView *self);
void       mdk_behaviour_view_set_behaviours (MdkBehaviourView *self,
                                              GArray           *behaviours,
                                              guint             n_behaviour);
GArray    *mdk_behaviour_view_get_behaviours (MdkBehaviourView *self,
                                              guint            *n_behaviour);
void       mdk_behaviour_view_set_archive    (MdkBehaviourView *self,
                                              GArray           *archive,
                                              guint             dims);
GArray    *mdk_behaviour_view_get_archive    (MdkBehaviourView *self,
                                              guint            *dims);

/* Signal "point-added" (double x, double y, guint class): in the task's
 * coordinates. */

/* Whether clicks add points (default TRUE); property "can-add-points". */
void       mdk_behaviour_view_set_can_add_points (MdkBehaviourView *self,
                                                  gboolean          can_add_points);
gboolean   mdk_behaviour_view_get_can_add_points (MdkBehaviourView *self);

/* A widget position to the task's coordinates; FALSE outside the data area
 * or when the trace has none. */
gboolean   mdk_behaviour_view_widget_to_task (MdkBehaviourView *self,
                                              double            wx,
                                              double            wy,
                                              double           *x,
                                              double           *y);
/* The inverse: where a point of the task is drawn; FALSE when it lies
 * outside the data area (the position is still set) or there is none. */
gboolean   mdk_behaviour_view_task_to_widget (MdkBehaviourView *self,
                                              double            x,
                                              double            y,
                                              double           *wx,
                                              double           *wy);
/* What a click does (the click gesture calls it; tests may too): on a
 * decision grid, inside the data area, emits "point-added" with class 1 for
 * the primary button and class 0 for the secondary one or with Shift.
 * Returns whether a point was added. */
gboolean   mdk_behaviour_view_click         (MdkBehaviourView *self,
                                              double            wx,
                                              double            wy,
                                              guint             button,
                                              GdkModifierType   state);

/* Animations (a pole-balancing episode): the frame shown, play and pause,
 * and the speed as a multiple of the simulated time (0.25 … 64). */
guint      mdk_behaviour_view_get_n_frames  (MdkBehaviourView *self);
void       mdk_behaviour_view_set_frame     (MdkBehaviourView *self,
                                             guint             frame);
guint      mdk_behaviour_view_get_frame     (MdkBehaviourView *self);
void       mdk_behaviour_view_set_playing   (MdkBehaviourView *self,
                                             gboolean          playing);
gboolean   mdk_behaviour_view_get_playing   (MdkBehaviourView *self);
void       mdk_behaviour_view_set_speed     (MdkBehaviourView *self,
                                             double            speed);
double     mdk_behaviour_view_get_speed     (MdkBehaviourView *self);
GtkWidget *mdk_behaviour_view_get_controls  (MdkBehaviourView *self);

G_END_DECLS
