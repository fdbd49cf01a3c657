/* mdk-behaviour-draw.h: pure-Cairo drawings of an MdkTrace
 *
 * An MdkBehaviourPlot is everything a trace needs on screen, prepared once
 * when the trace arrives: the decision grid as an image with its 0.5
 * contour, every text as a Pango layout, axis ticks.  Drawing it at a given
 * size is then only arithmetic and Cairo calls, so the widget's snapshot
 * stays cheap and tests can draw on an image surface without a display.
 *
 * The drawing is picked by the trace's kind from a table in the .c file: a
 * new kind is one entry there.  A NULL trace, or a kind without an entry,
 * gives a plot that shows a short message instead.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-trace.h"

G_BEGIN_DECLS

/* The palette, as 0xRRGGBB.  Classes as in the TensorFlow Playground:
 * orange for class 0, blue for class 1, strong for the points and lighter
 * for the heat map, which meets at a white-ish grey at 0.5. */
#define MDK_BEHAVIOUR_CLASS0_RGB    0xF59322
#define MDK_BEHAVIOUR_CLASS1_RGB    0x0877BD
#define MDK_BEHAVIOUR_HEAT0_RGB     0xF8B96F
#define MDK_BEHAVIOUR_HEAT1_RGB     0x5EA7D4
#define MDK_BEHAVIOUR_HEAT_MID_RGB  0xE8EAEB
/* Truth table rows: output on the right or wrong side of 0.5. */
#define MDK_BEHAVIOUR_RIGHT_RGB     0x26A269
#define MDK_BEHAVIOUR_WRONG_RGB     0xC01C28
/* Confusion matrix cells (right and wrong predictions), and the
 * regression's training and test points. */
#define MDK_BEHAVIOUR_HIT_RGB       0x3584E4
#define MDK_BEHAVIOUR_MISS_RGB      0xE66100
#define MDK_BEHAVIOUR_TRAIN_RGB     0x3584E4
#define MDK_BEHAVIOUR_TEST_RGB      0xE66100

typedef struct _MdkBehaviourPlot MdkBehaviourPlot;

MdkBehaviourPlot *mdk_behaviour_plot_new             (MdkTrace               *trace,
                                                      PangoContext           *context);
void              mdk_behaviour_plot_free            (MdkBehaviourPlot       *plot);
MdkTrace         *mdk_behaviour_plot_get_trace       (const MdkBehaviourPlot *plot);
gboolean          mdk_behaviour_kind_has_drawing     (MdkTraceKind            kind);

void              mdk_behaviour_plot_draw            (const MdkBehaviourPlot *plot,
                                                      cairo_t                *cr,
                                                      double                  width,
                                                      double                  height,
                                                      const GdkRGBA          *fg);

/* Animated plots (a pole-balancing episode): frames 0 … n_frames − 1, one
 * per step of the trace's time_step; a still plot has none. */
guint             mdk_behaviour_plot_get_n_frames    (const MdkBehaviourPlot *plot);
void              mdk_behaviour_plot_set_frame       (MdkBehaviourPlot       *plot,
                                                      guint                   frame);
guint             mdk_behaviour_plot_get_frame       (const MdkBehaviourPlot *plot);

void              mdk_behaviour_plot_set_behaviours  (MdkBehaviourPlot       *plot,
                                                      GArray                 *behaviours,
                                                      guint                   n_behaviour);
void              mdk_behaviour_plot_set_archive     (MdkBehaviourPlot       *plot,
                                                      GArray                 *archive,
                                                      guint                   dims);

/* Whether points can be painted on this plot (a decision grid). */
gboolean          mdk_behaviour_plot_accepts_points  (const MdkBehaviourPlot *plot);
/* Maps a position in a plot drawn at @width × @height to the task's
 * coordinates; FALSE outside the data area or for plots without one. */
gboolean          mdk_behaviour_plot_to_task         (const MdkBehaviourPlot *plot,
                                                      double                  width,
                                                      double                  height,
                                                      double                  wx,
                                                      double                  wy,
                                                      double                 *x,
                                                      double                 *y);
/* The inverse, for tests and for placing things over the plot. */
gboolean          mdk_behaviour_plot_from_task       (const MdkBehaviourPlot *plot,
                                                      double                  width,
                                                      double                  height,
                                                      double                  x,
                                                      double                  y,
                                                      double                 *wx,
                                                      double                 *wy);

/* The heat map colour of an output @value in [0, 1], as 0xRRGGBB. */
guint32           mdk_behaviour_heat_rgb             (double                  value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkBehaviourPlot, mdk_behaviour_plot_free)

G_END_DECLS
