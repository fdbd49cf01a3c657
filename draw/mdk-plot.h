/* mdk-plot.h: chart drawing with Cairo, apart from any widget
 *
 * An MdkPlot holds prepared series (already decimated by the caller), the
 * visible x range and the decorations (title, axis labels, legend, hover
 * crosshair, selection, marker).  mdk_plot_layout () places axes, ticks and
 * labels for a size; mdk_plot_draw () only draws.  Both work on any cairo_t,
 * so the same code paints the widget, the PNG/SVG/PDF exports and the tests'
 * image surfaces.
 */
#pragma once

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "mdk-rgba.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_PLOT_STYLE_LINE,   /* a polyline through (x, lo); a NaN breaks it */
  MDK_PLOT_STYLE_BAND,   /* translucent fill between lo and hi */
  MDK_PLOT_STYLE_AREA,   /* opaque fill between lo and hi (stacked layers) */
  MDK_PLOT_STYLE_BARS,   /* one bar per vertex from lo to hi, centred on x */
} MdkPlotStyle;

/* One bucket of mdk_plot_decimate (). */
typedef struct
{
  double   x;          /* centre of the bucket */
  double   first;      /* first and last finite value, in x order */
  double   last;
  double   min;
  double   max;
  guint    n;          /* finite values in the bucket */
  guint    n_missing;  /* NaN or infinite values in the bucket */
  gboolean min_first;  /* the minimum comes before the maximum */
} MdkPlotColumn;

/* What mdk_plot_draw_layers () draws. */
typedef enum
{
  MDK_PLOT_LAYER_BASE    = 1 << 0,   /* background, grid, series, axes, text */
  MDK_PLOT_LAYER_OVERLAY = 1 << 1,   /* marker, selection, crosshair */
  MDK_PLOT_LAYER_ALL     = MDK_PLOT_LAYER_BASE | MDK_PLOT_LAYER_OVERLAY,
} MdkPlotLayers;

typedef struct _MdkPlot       MdkPlot;
typedef struct _MdkPlotSeries MdkPlotSeries;

MdkPlot        *mdk_plot_new                  (void);
void            mdk_plot_free                 (MdkPlot                    *plot);

void            mdk_plot_set_title            (MdkPlot                    *plot,
                                               const char                 *title);
void            mdk_plot_set_axis_labels      (MdkPlot                    *plot,
                                               const char                 *x_label,
                                               const char                 *y_label);
/* Shown in the middle when no series has a finite value. */
void            mdk_plot_set_empty_text       (MdkPlot                    *plot,
                                               const char                 *text);
/* @background NULL leaves the surface transparent. */
void            mdk_plot_set_colors           (MdkPlot                    *plot,
                                               const MdkRGBA              *foreground,
                                               const MdkRGBA              *background);
void            mdk_plot_set_font             (MdkPlot                    *plot,
                                               const PangoFontDescription *font);
void            mdk_plot_set_log_scale        (MdkPlot                    *plot,
                                               gboolean                    log_scale);
gboolean        mdk_plot_get_log_scale        (MdkPlot                    *plot);
/* Ticks on whole numbers only (generations, ranks, counts). */
void            mdk_plot_set_x_integer        (MdkPlot                    *plot,
                                               gboolean                    integer);
/* The linear y axis always shows 0. */
void            mdk_plot_set_include_zero     (MdkPlot                    *plot,
                                               gboolean                    include_zero);
/* NaN, NaN: from the data. */
void            mdk_plot_set_x_range          (MdkPlot                    *plot,
                                               double                      x0,
                                               double                      x1);
/* Shaded x interval while dragging (NaN: none). */
void            mdk_plot_set_selection        (MdkPlot                    *plot,
                                               double                      x0,
                                               double                      x1);
/* A dashed vertical line, e.g. the picked generation (NaN: none). */
void            mdk_plot_set_marker           (MdkPlot                    *plot,
                                               double                      x);

/* The crosshair: a vertical line at @x and a box with @heading and one
 * line per mdk_plot_add_hover_line ().  NaN @x hides it. */
void            mdk_plot_set_hover            (MdkPlot                    *plot,
                                               double                      x,
                                               const char                 *heading);
/* @color NULL draws no swatch; a finite @y also puts a dot on the curve. */
void            mdk_plot_add_hover_line       (MdkPlot                    *plot,
                                               const MdkRGBA              *color,
                                               double                      y,
                                               const char                 *text);

void            mdk_plot_clear_series         (MdkPlot                    *plot);
/* @label NULL keeps the series out of the legend.  Series draw in the
 * order they were added. */
MdkPlotSeries  *mdk_plot_add_series           (MdkPlot                    *plot,
                                               MdkPlotStyle                style,
                                               const char                 *label,
                                               const MdkRGBA              *color);
guint           mdk_plot_get_n_series         (MdkPlot                    *plot);
MdkPlotSeries  *mdk_plot_get_series           (MdkPlot                    *plot,
                                               guint                       index);
void            mdk_plot_series_set_dashed    (MdkPlotSeries              *series,
                                               gboolean                    dashed);
void            mdk_plot_series_set_line_width (MdkPlotSeries             *series,
                                                double                     width);
/* Width of a bar in x units. */
void            mdk_plot_series_set_bar_width (MdkPlotSeries              *series,
                                               double                      width);
/* Dots on the vertices of a line, when they are far enough apart. */
void            mdk_plot_series_set_markers   (MdkPlotSeries              *series,
                                               gboolean                    markers);
void            mdk_plot_series_reserve       (MdkPlotSeries              *series,
                                               guint                       n_vertices);
/* A line goes through (x, lo) (or spans lo … hi at x, for a decimated
 * bucket); NaN values break lines and bands. */
void            mdk_plot_series_add           (MdkPlotSeries              *series,
                                               double                      x,
                                               double                      lo,
                                               double                      hi);
/* A decimated bucket of a line: one vertex spanning its min … max at the
 * bucket's x (a gap when it holds only missing values). */
void            mdk_plot_series_add_column    (MdkPlotSeries              *series,
                                               const MdkPlotColumn        *column);
guint           mdk_plot_series_get_n_vertices (MdkPlotSeries             *series);

/* Places the axes, ticks, legend and labels for @width × @height; measures
 * text with @context (NULL: a context for an image surface).  Call after
 * changing data, ranges or size; mdk_plot_draw () lays out on its own when
 * the size differs. */
void            mdk_plot_layout               (MdkPlot                    *plot,
                                               PangoContext               *context,
                                               int                         width,
                                               int                         height);
void            mdk_plot_draw                 (MdkPlot                    *plot,
                                               cairo_t                    *cr,
                                               int                         width,
                                               int                         height);
/* Draws the series ahead into an image at @scale (the widget's scale
 * factor), which mdk_plot_draw () then paints in one go: for widgets, so
 * that the cost of thousands of vertices or species is paid once per data
 * change, not per frame.  Call after mdk_plot_layout (); any change to the
 * data, range or layout drops the image. */
void            mdk_plot_prerender            (MdkPlot                    *plot,
                                               int                         scale);
/* The base changes with the data; the overlay with the pointer, so a
 * widget can keep the base's render node while the crosshair moves. */
void            mdk_plot_draw_layers          (MdkPlot                    *plot,
                                               cairo_t                    *cr,
                                               int                         width,
                                               int                         height,
                                               MdkPlotLayers               layers);
/* The part of the widget the overlay covers (empty: nothing to draw).
 * Measures the crosshair's text: call it when the overlay changes. */
void            mdk_plot_get_overlay_bounds   (MdkPlot                    *plot,
                                               cairo_rectangle_t          *bounds);

/* The plot in dark ink on white paper, whatever colours it had, as "png",
 * "svg" or "pdf" (mdk-write.h); the title goes into a PDF's metadata. */
gboolean        mdk_plot_write                (MdkPlot                    *plot,
                                               GFile                      *file,
                                               const char                 *format,
                                               int                         width,
                                               int                         height,
                                               GError                    **error);

/* Geometry of the last layout.  FALSE before any layout. */
gboolean        mdk_plot_get_area             (MdkPlot                    *plot,
                                               cairo_rectangle_t          *area);
void            mdk_plot_get_x_range          (MdkPlot                    *plot,
                                               double                     *x0,
                                               double                     *x1);
void            mdk_plot_get_y_range          (MdkPlot                    *plot,
                                               double                     *y0,
                                               double                     *y1);
double          mdk_plot_x_to_pixel           (MdkPlot                    *plot,
                                               double                      x);
double          mdk_plot_pixel_to_x           (MdkPlot                    *plot,
                                               double                      px);
double          mdk_plot_y_to_pixel           (MdkPlot                    *plot,
                                               double                      y);
/* The y tick values and the labels as drawn (for tests). */
guint           mdk_plot_get_n_y_ticks        (MdkPlot                    *plot);
const char     *mdk_plot_get_y_tick_label     (MdkPlot                    *plot,
                                               guint                       index,
                                               double                     *value);
guint           mdk_plot_get_n_x_ticks        (MdkPlot                    *plot);
const char     *mdk_plot_get_x_tick_label     (MdkPlot                    *plot,
                                               guint                       index,
                                               double                     *value);

/* Min/max decimation: the points of (@x, @y) (x ascending) with x in
 * [@x0, @x1] fall into @n_columns equal buckets; each keeps its first, last,
 * smallest and largest finite value, so the drawn envelope is exact.
 * Returns how many buckets received a point. */
guint           mdk_plot_decimate             (const double               *x,
                                               const double               *y,
                                               guint                       n,
                                               double                      x0,
                                               double                      x1,
                                               guint                       n_columns,
                                               MdkPlotColumn              *columns);
/* The first index with x[i] >= @value in ascending @x. */
guint           mdk_plot_lower_bound          (const double               *x,
                                               guint                       n,
                                               double                      value);

/* Histogram bins: Freedman–Diaconis width (2 IQR n^(-1/3), Freedman &
 * Diaconis 1981), sqrt(n) bins when the IQR is 0, at most @max_bins; with
 * @integer the bins are whole numbers wide and centred on integers.  @values
 * need not be sorted; non-finite values are ignored.  Returns the number of
 * bins and sets the left edge of the first and the width. */
guint           mdk_plot_histogram_bins       (const double               *values,
                                               guint                       n,
                                               gboolean                    integer,
                                               guint                       max_bins,
                                               double                     *start,
                                               double                     *width);

/* @value in the user's locale with as many decimals as @step needs (0 or
 * NaN @step: significant digits). */
char           *mdk_plot_format_number        (double                      value,
                                               double                      step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkPlot, mdk_plot_free)

G_END_DECLS
