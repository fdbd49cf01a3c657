/* mdk-trace.h: what a behaviour view shows of one network on one task
 *
 * A task's trace () fills one of these for the current champion; the studio
 * picks a view by the trace's kind, so a new task brings its own view without
 * touching the window.  Immutable and refcounted once made.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* values: width × height outputs on the grid [x0, x1] × [y0, y1], row 0 at
   * y0; points: n_points × (x, y, class, is_test) in the same coordinates. */
  MDK_TRACE_DECISION_GRID,
  /* n_rows rows of n_cols inputs, then outputs and targets (n_outputs each),
   * in `values` row by row: in…, out…, target… */
  MDK_TRACE_TRUTH_TABLE,
  /* n_classes × n_classes counts, rows = true class, for training then test
   * (`values` then `values2`); labels: the class names. */
  MDK_TRACE_CONFUSION,
  /* n_points × (target, prediction, is_test) in `values`. */
  MDK_TRACE_REGRESSION,
  /* An image of width × height pixels with n_outputs channels, 1 (grey) or
   * 3 (red, green, blue): `values` row by row, row 0 at the top, the
   * channels of a pixel together, each in [0, 1]. */
  MDK_TRACE_IMAGE,
  /* An episode of pole balancing: n_rows frames, the start and then the
   * state after each control step of `time_step` seconds, each of n_cols =
   * 2 + n_points values in `values`: the cart's position (m), the force the
   * network chose in that state (N), then the angle of each pole (rad, 0
   * upright, positive leaning towards +x).  `points` holds the n_points
   * poles' whole lengths (m); the track runs from x0 to x1 and a pole fails
   * beyond ±y1 rad.  The episode stopped at a failure or after max_steps
   * steps.  `values2`, when not NULL, holds the steps balanced from each of
   * width × height starts (at most pass_steps, which is a pass), row by
   * row; for the double pole the 625 starts of its generalisation test, the
   * row picking x and ẋ and the column θ1 and θ̇1. */
  MDK_TRACE_CART_POLE,
  /* A network against a function it should reproduce.  One input (n_cols =
   * 1): n_rows × (x, target, prediction) in `values`, x increasing, and in
   * `points` the n_points samples the fitness uses as (x, target).  Two
   * inputs (n_cols = 2): the target in `values` and the prediction in
   * `values2`, width × height samples on [x0, x1] × [y0, y1], row 0 at y0,
   * and in `points` the n_points samples' (x, y).  labels: the inputs'
   * names, then the output's. */
  MDK_TRACE_FUNCTION,
  /* A robot's drive through a maze, in the map's coordinates (x to the
   * right, y down): `points` holds the n_points walls as (x1, y1, x2, y2);
   * `values` the path, n_rows × (x, y, heading in degrees) with n_cols = 3,
   * the start and then the pose after each step (fewer than max_steps + 1
   * rows when the goal was reached); `values2` seven numbers: the start's
   * x, y and heading, the goal's x and y, the goal's radius and the
   * robot's.  [x0, x1] × [y0, y1] is the walls' bounding box, which the
   * behaviour descriptor (final x, y) is scaled by. */
  MDK_TRACE_MAZE,
} MdkTraceKind;

typedef struct
{
  gint          ref_count;
  MdkTraceKind  kind;
  guint         width;
  guint         height;
  double        x0, x1, y0, y1;
  guint         n_points;
  double       *points;
  guint         n_rows;
  guint         n_cols;
  guint         n_outputs;
  guint         n_classes;
  double       *values;
  double       *values2;
  char        **labels;
  double        time_step;      /* MDK_TRACE_CART_POLE */
  guint         max_steps;
  guint         pass_steps;
} MdkTrace;

MdkTrace *mdk_trace_new   (MdkTraceKind  kind);
MdkTrace *mdk_trace_ref   (MdkTrace     *trace);
void      mdk_trace_unref (MdkTrace     *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkTrace, mdk_trace_unref)

G_END_DECLS
