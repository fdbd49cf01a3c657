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
} MdkTrace;

MdkTrace *mdk_trace_new   (MdkTraceKind  kind);
MdkTrace *mdk_trace_ref   (MdkTrace     *trace);
void      mdk_trace_unref (MdkTrace     *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkTrace, mdk_trace_unref)

G_END_DECLS
