/* mdk-history-plot.h: the run's history as one of the studio's charts
 *
 * Fitness, complexity, species sizes, evaluations per second, accuracy and
 * the algorithm's own statistics (e.g. CMA-ES's step size, on a log scale),
 * prepared from an MdkHistory for an MdkPlot.  The model is a
 * full-resolution copy of the plotted columns, extended as rows arrive; from
 * it mdk_history_plot_build () fills a plot for a visible x range, min/max
 * per pixel column when there are more generations than columns.  The
 * studio's plot view and the exports (medaka-cli export, Export All) share
 * it, so a chart looks the same on screen and in a file.
 */
#pragma once

#include <gio/gio.h>

#include "mdk-history.h"
#include "mdk-plot.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_PLOT_FITNESS,      /* best, mean, median, ±1 σ band */
  MDK_PLOT_COMPLEXITY,   /* mean and champion hidden nodes and connections */
  MDK_PLOT_SPECIES,      /* stacked species sizes, coloured per species */
  MDK_PLOT_RATE,         /* evaluations per second */
  MDK_PLOT_ACCURACY,     /* the generation best's train and test metric */
  MDK_PLOT_ALGORITHM,    /* the algorithm's own statistics (MdkStatSpec) */
  MDK_PLOT_N_KINDS
} MdkPlotKind;

/* Size of an exported chart when there is no widget to take it from. */
#define MDK_HISTORY_PLOT_EXPORT_WIDTH  1200
#define MDK_HISTORY_PLOT_EXPORT_HEIGHT 800

typedef struct _MdkHistoryPlot MdkHistoryPlot;

/* A stable id for file names ("fitness", "complexity", "species", "speed",
 * "accuracy", "algorithm") and the translated title. */
const char     *mdk_plot_kind_to_id           (MdkPlotKind      kind);
const char     *mdk_plot_kind_get_title       (MdkPlotKind      kind);

MdkHistoryPlot *mdk_history_plot_new          (MdkPlotKind      kind);
void            mdk_history_plot_free         (MdkHistoryPlot  *self);
MdkPlotKind     mdk_history_plot_get_kind     (MdkHistoryPlot  *self);

/* Follows @history (NULL: none): the model is made anew. */
void            mdk_history_plot_set_history  (MdkHistoryPlot  *self,
                                               MdkHistory      *history);
/* MDK_PLOT_ALGORITHM: which statistics the history rows hold (NULL: none);
 * the model is made anew. */
void            mdk_history_plot_set_columns  (MdkHistoryPlot       *self,
                                               const MdkStatColumns *columns);
/* The history's rows from @first on are new or changed. */
void            mdk_history_plot_update       (MdkHistoryPlot  *self,
                                               guint            first);
/* Generations in the model, and those with x in [@x0, @x1]. */
guint           mdk_history_plot_get_length   (MdkHistoryPlot  *self);
guint           mdk_history_plot_count_range  (MdkHistoryPlot  *self,
                                               double           x0,
                                               double           x1);
/* FALSE when the chart would be empty for want of data: no generations,
 * no species recorded, a task that reports no accuracy, or an algorithm
 * without statistics of its own. */
gboolean        mdk_history_plot_has_data     (MdkHistoryPlot  *self);

/* Fills @plot (title, axes, series) for generations @x0 … @x1, decimated
 * to @n_columns buckets (about one per pixel column). */
void            mdk_history_plot_build        (MdkHistoryPlot  *self,
                                               MdkPlot         *plot,
                                               double           x0,
                                               double           x1,
                                               gboolean         log_scale,
                                               guint            n_columns);
/* The hover box for @generation; on the species chart the species whose
 * band holds the pixel row @pointer_y is named too. */
void            mdk_history_plot_hover        (MdkHistoryPlot  *self,
                                               MdkPlot         *plot,
                                               guint            generation,
                                               double           pointer_y);

/* Evaluations per second at row @i of @rows, over the generations the
 * speed chart averages over; NaN when no time passed. */
double          mdk_history_plot_rate_at      (const MdkGenerationStats *rows,
                                               guint                     i);

/* The chart's data (docs/formats.md, "Plot data"). */
char           *mdk_history_plot_to_csv       (MdkHistoryPlot  *self);

/* The whole history on a linear axis, on white paper, @width × @height,
 * in the default font: "png", "svg" or "pdf"; or the data as "csv". */
gboolean        mdk_history_plot_export       (MdkHistoryPlot  *self,
                                               GFile           *file,
                                               const char      *format,
                                               int              width,
                                               int              height,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkHistoryPlot, mdk_history_plot_free)

G_END_DECLS
