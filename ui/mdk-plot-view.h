/* mdk-plot-view.h: a live chart of the run's history
 *
 * Draws in snapshot() from data prepared (normalised, decimated) when the
 * history changes; hover crosshair, zoom by drag and scroll, double-click to
 * reset, linear/log toggle, export to PNG, SVG, PDF and CSV.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-history-plot.h"

G_BEGIN_DECLS

#define MDK_TYPE_PLOT_VIEW (mdk_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkPlotView, mdk_plot_view, MDK, PLOT_VIEW, GtkWidget)

GtkWidget   *mdk_plot_view_new           (MdkPlotKind   kind);
MdkPlotKind  mdk_plot_view_get_kind      (MdkPlotView  *self);
void         mdk_plot_view_set_history   (MdkPlotView  *self,
                                          MdkHistory   *history);
void         mdk_plot_view_set_pace      (MdkPlotView  *self,
                                          double        pace);
void         mdk_plot_view_set_columns   (MdkPlotView  *self,
                                          const MdkStatColumns *columns);
void         mdk_plot_view_set_log_scale (MdkPlotView  *self,
                                          gboolean      log_scale);
gboolean     mdk_plot_view_get_log_scale (MdkPlotView  *self);
void         mdk_plot_view_reset_zoom    (MdkPlotView  *self);
/* format: "png", "svg", "pdf" (the drawing) or "csv" (the data). */
gboolean     mdk_plot_view_export        (MdkPlotView  *self,
                                          GFile        *file,
                                          const char   *format,
                                          GError      **error);
/* For tests: generations currently drawn and the number of series. */
guint        mdk_plot_view_get_n_points  (MdkPlotView  *self);
guint        mdk_plot_view_get_n_series  (MdkPlotView  *self);
/* A generation picked by clicking on the time axis (-1: none), notified
 * through the "picked-generation" property. */
int          mdk_plot_view_get_picked_generation (MdkPlotView *self);
void         mdk_plot_view_set_picked_generation (MdkPlotView *self,
                                                  int          generation);
/* Shows generations @x0 to @x1 (what a drag or the wheel does); a range
 * covering all generations resets the zoom. */
void         mdk_plot_view_zoom          (MdkPlotView  *self,
                                          double        x0,
                                          double        x1);
/* The visible range of generations. */
void         mdk_plot_view_get_x_range   (MdkPlotView  *self,
                                          double       *x0,
                                          double       *x1);

G_END_DECLS
