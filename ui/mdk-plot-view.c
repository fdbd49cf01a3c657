/* mdk-plot-view.c: a live chart of the run's history
 *
 * The model (MdkHistoryPlot) is a full-resolution copy of the plotted
 * columns, extended as rows arrive.  From it an idle callback prepares an
 * MdkPlot for the visible x range: min/max per pixel column when there are
 * more generations than columns, so a run of 100 000 generations costs
 * snapshot () what one of a few thousand does.  snapshot () only draws that
 * prepared plot.
 */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-plot-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-plot.h"
#include "mdk-ui-color.h"
#include "mdk-write.h"

#define DRAG_THRESHOLD 4.0   /* pixels before a press becomes a zoom drag */
#define MIN_SPAN       4.0   /* generations: the deepest zoom */
/* Live updates: at most one preparation per MIN_INTERVAL (4 a second keeps
 * the curves moving; every frame is taken from evaluation when the UI shares
 * the cores with it, see docs/benchmarks.md), and never more than a fifth
 * of the main thread's time. */
#define MIN_INTERVAL   (G_USEC_PER_SEC / 4)

struct _MdkPlotView
{
  GtkWidget    parent_instance;

  MdkHistoryPlot *model;
  MdkHistory  *history;
  gulong       changed_id;
  gboolean     log_scale;
  int          picked;

  /* The visible range when zoomed (in generations). */
  gboolean     zoomed;
  double       zoom_x0;
  double       zoom_x1;

  /* Prepared for snapshot (). */
  MdkPlot     *plot;
  guint        rebuild_id;
  gint64       rebuild_end;    /* monotonic µs */
  double       pace;           /* MIN_INTERVAL stretched by this (mdk-ui-pace.h) */
  gint64       rebuild_cost;   /* µs */
  guint        built_length;   /* generations in the plot last prepared */
  gboolean     plot_valid;
  int          plot_width;
  int          plot_height;
  /* The drawn base layer, kept while the data and the size stay: the
   * crosshair then redraws only its own small overlay, and GTK's GL
   * renderer reuses the base's texture. */
  GskRenderNode *base_node;
  GdkRGBA      fg;
  cairo_rectangle_t overlay_bounds;

  /* Interaction */
  gboolean     pointer_inside;
  double       pointer_x;
  double       pointer_y;
  gboolean     dragging;
  double       drag_start_x;
};

enum
{
  PROP_0,
  PROP_KIND,
  PROP_HISTORY,
  PROP_LOG_SCALE,
  PROP_PICKED_GENERATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdkPlotView, mdk_plot_view, GTK_TYPE_WIDGET)

static guint
model_length (MdkPlotView *self)
{
  return mdk_history_plot_get_length (self->model);
}

static void
visible_range (MdkPlotView *self,
               double      *x0,
               double      *x1)
{
  guint n = model_length (self);

  if (self->zoomed)
    {
      *x0 = self->zoom_x0;
      *x1 = self->zoom_x1;
    }
  else
    {
      *x0 = 0.0;
      *x1 = n > 0 ? n - 1.0 : 0.0;
    }
}

/* Fills @plot with the series of the visible range, decimated to
 * @n_columns buckets. */
static void
build_plot (MdkPlotView *self,
            MdkPlot     *plot,
            guint        n_columns)
{
  double x0, x1;

  visible_range (self, &x0, &x1);
  mdk_history_plot_build (self->model, plot, x0, x1, self->log_scale, n_columns);
}

static void
apply_style (MdkPlotView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  MdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &self->fg);
  fg = mdk_rgba_from_gdk (&self->fg);
  mdk_plot_set_colors (self->plot, &fg, NULL);
  mdk_plot_set_font (self->plot, pango_context_get_font_description (context));
}

static void update_hover (MdkPlotView *self);

static void
overlay_changed (MdkPlotView *self)
{
  mdk_plot_get_overlay_bounds (self->plot, &self->overlay_bounds);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Prepares the plot for the current data, range and size. */
static void
rebuild (MdkPlotView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  /* One bucket per pixel column of the widget: the plot area is a bit
   * narrower, so a bucket never spans more than a pixel. */
  build_plot (self, self->plot, width > 0 ? (guint) width : MDK_HISTORY_PLOT_EXPORT_WIDTH);
  mdk_plot_set_marker (self->plot, self->picked >= 0 ? self->picked : NAN);
  self->plot_valid = TRUE;
  self->plot_width = width;
  self->plot_height = height;
  if (width > 0 && height > 0)
    {
      apply_style (self);
      mdk_plot_layout (self->plot, gtk_widget_get_pango_context (widget), width, height);
      mdk_plot_prerender (self->plot, gtk_widget_get_scale_factor (widget));
    }
  update_hover (self);
  overlay_changed (self);
  self->rebuild_end = g_get_monotonic_time ();
  self->rebuild_cost = self->rebuild_end - start;
  self->built_length = model_length (self);
}

static gboolean
rebuild_idle (gpointer data)
{
  MdkPlotView *self = data;

  self->rebuild_id = 0;
  /* A hidden plot prepares when it is shown again (map). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces the history's changes into one rebuild before the next frame,
 * or later when the last one was recent: a fast run reports many times a
 * second, and the plots need not follow every report.  The session adds
 * species samples right after the rows, so waiting also lets them arrive. */
static void
queue_rebuild (MdkPlotView *self)
{
  gint64 wait;

  self->plot_valid = FALSE;
  if (self->rebuild_id != 0)
    return;
  wait = self->rebuild_end + MAX (MIN_INTERVAL * self->pace, 4 * self->rebuild_cost) -
         g_get_monotonic_time ();
  /* An empty plot ("No generations yet") shows the first data at once: a
   * short run may end before the next paced preparation. */
  if (self->built_length == 0)
    wait = 0;
  if (wait <= 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle, self, NULL);
  else
    self->rebuild_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE + 10, wait / 1000 + 1,
                                           rebuild_idle, self, NULL);
}

static void
ensure_plot (MdkPlotView *self)
{
  if (!self->plot_valid)
    rebuild (self);
}

/* Hover */

static void
update_hover (MdkPlotView *self)
{
  cairo_rectangle_t area;
  guint n = model_length (self);
  double x0, x1, gx;

  if (!self->pointer_inside || self->dragging || n == 0 ||
      !mdk_plot_get_area (self->plot, &area) ||
      self->pointer_x < area.x || self->pointer_x > area.x + area.width ||
      self->pointer_y < area.y || self->pointer_y > area.y + area.height)
    {
      mdk_plot_set_hover (self->plot, NAN, NULL);
      return;
    }

  visible_range (self, &x0, &x1);
  gx = round (mdk_plot_pixel_to_x (self->plot, self->pointer_x));
  gx = CLAMP (gx, ceil (x0), floor (x1));
  gx = CLAMP (gx, 0, n - 1);
  mdk_history_plot_hover (self->model, self->plot, (guint) gx, self->pointer_y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MdkPlotView              *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->plot_valid)
    return;
  update_hover (self);
  overlay_changed (self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          MdkPlotView              *self)
{
  self->pointer_inside = FALSE;
  mdk_plot_set_hover (self->plot, NAN, NULL);
  overlay_changed (self);
}

/* Zoom */

static void
set_range (MdkPlotView *self,
           double       x0,
           double       x1)
{
  guint n = model_length (self);
  double last = n > 0 ? n - 1.0 : 0.0;
  double span;

  if (x1 < x0)
    {
      double t = x0;
      x0 = x1;
      x1 = t;
    }
  span = MAX (x1 - x0, MIN (MIN_SPAN, last));
  if (n < 2 || span >= last)
    {
      mdk_plot_view_reset_zoom (self);
      return;
    }
  x0 = CLAMP (x0, 0.0, last - span);
  self->zoomed = TRUE;
  self->zoom_x0 = x0;
  self->zoom_x1 = x0 + span;
  rebuild (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MdkPlotView    *self)
{
  self->drag_start_x = x;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MdkPlotView    *self)
{
  double a, b;

  if (!self->dragging)
    {
      if (fabs (dx) < DRAG_THRESHOLD || !self->plot_valid)
        return;
      /* A drag, not a click: the click gesture lets go. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      mdk_plot_set_hover (self->plot, NAN, NULL);
    }
  a = mdk_plot_pixel_to_x (self->plot, self->drag_start_x);
  b = mdk_plot_pixel_to_x (self->plot, self->drag_start_x + dx);
  mdk_plot_set_selection (self->plot, a, b);
  overlay_changed (self);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MdkPlotView    *self)
{
  double a, b;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  mdk_plot_set_selection (self->plot, NAN, NAN);
  overlay_changed (self);
  a = mdk_plot_pixel_to_x (self->plot, self->drag_start_x);
  b = mdk_plot_pixel_to_x (self->plot, self->drag_start_x + dx);
  mdk_plot_view_zoom (self, a, b);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           MdkPlotView              *self)
{
  double x0, x1, center, factor;

  if (model_length (self) < 2 || dy == 0 || !self->plot_valid)
    return FALSE;
  visible_range (self, &x0, &x1);
  center = self->pointer_inside ? mdk_plot_pixel_to_x (self->plot, self->pointer_x)
                                : (x0 + x1) / 2;
  center = CLAMP (center, x0, x1);
  factor = pow (1.2, dy);
  mdk_plot_view_zoom (self, center - (center - x0) * factor, center + (x1 - center) * factor);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MdkPlotView     *self)
{
  if (n_press == 2)
    mdk_plot_view_reset_zoom (self);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             MdkPlotView     *self)
{
  cairo_rectangle_t area;
  guint n = model_length (self);
  double g;

  if (n_press != 1 || self->dragging || n == 0 || !self->plot_valid ||
      !mdk_plot_get_area (self->plot, &area) ||
      x < area.x || x > area.x + area.width || y < area.y || y > area.y + area.height)
    return;
  g = round (mdk_plot_pixel_to_x (self->plot, x));
  mdk_plot_view_set_picked_generation (self, (int) CLAMP (g, 0, n - 1));
}

/* GtkWidget */

static void
on_history_changed (MdkHistory  *history,
                    guint        first,
                    MdkPlotView *self)
{
  guint length = mdk_history_get_length (history);

  mdk_history_plot_update (self->model, first);
  if (self->zoomed && self->zoom_x1 > length - 1.0)
    self->zoomed = FALSE;
  if (self->picked >= (int) length)
    mdk_plot_view_set_picked_generation (self, -1);
  queue_rebuild (self);
}

static void
mdk_plot_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  if (!self->plot_valid || width != self->plot_width || height != self->plot_height)
    rebuild (self);
}

static void
mdk_plot_view_map (GtkWidget *widget)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_plot_view_parent_class)->map (widget);
  /* Without a size yet, size_allocate () prepares. */
  if (!self->plot_valid && gtk_widget_get_width (widget) > 0)
    rebuild (self);
}

static void
mdk_plot_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_plot_view_parent_class)->css_changed (widget, change);
  /* The font may have changed: lay out again before the next frame. */
  if (self->plot_valid)
    queue_rebuild (self);
}

static void
mdk_plot_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 280;
    }
}

static void
mdk_plot_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const cairo_rectangle_t *ob = &self->overlay_bounds;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  /* The theme may have switched between light and dark. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gdk_rgba_equal (&fg, &self->fg))
    {
      MdkRGBA ink = mdk_rgba_from_gdk (&fg);

      self->fg = fg;
      mdk_plot_set_colors (self->plot, &ink, NULL);
      g_clear_pointer (&self->base_node, gsk_render_node_unref);
    }

  if (self->base_node == NULL)
    {
      GtkSnapshot *base = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (base, &GRAPHENE_RECT_INIT (0, 0, width, height));
      mdk_plot_draw_layers (self->plot, cr, width, height, MDK_PLOT_LAYER_BASE);
      cairo_destroy (cr);
      self->base_node = gtk_snapshot_free_to_node (base);
    }
  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);

  if (ob->width > 0 && ob->height > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ob->x, ob->y, ob->width, ob->height));
      mdk_plot_draw_layers (self->plot, cr, width, height, MDK_PLOT_LAYER_OVERLAY);
      cairo_destroy (cr);
    }
}

static void
mdk_plot_view_dispose (GObject *object)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_clear_object (&self->history);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  G_OBJECT_CLASS (mdk_plot_view_parent_class)->dispose (object);
}

static void
mdk_plot_view_finalize (GObject *object)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  mdk_history_plot_free (self->model);
  mdk_plot_free (self->plot);
  G_OBJECT_CLASS (mdk_plot_view_parent_class)->finalize (object);
}

static void
mdk_plot_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, mdk_history_plot_get_kind (self->model));
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_PICKED_GENERATION:
      g_value_set_int (value, self->picked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_plot_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      /* Construct-only: the model is made once. */
      self->model = mdk_history_plot_new (g_value_get_int (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mdk_plot_kind_get_title (g_value_get_int (value)), -1);
      break;
    case PROP_HISTORY:
      mdk_plot_view_set_history (self, g_value_get_object (value));
      break;
    case PROP_LOG_SCALE:
      mdk_plot_view_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_PICKED_GENERATION:
      mdk_plot_view_set_picked_generation (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_plot_view_class_init (MdkPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_plot_view_dispose;
  object_class->finalize = mdk_plot_view_finalize;
  object_class->get_property = mdk_plot_view_get_property;
  object_class->set_property = mdk_plot_view_set_property;
  widget_class->measure = mdk_plot_view_measure;
  widget_class->size_allocate = mdk_plot_view_size_allocate;
  widget_class->map = mdk_plot_view_map;
  widget_class->snapshot = mdk_plot_view_snapshot;
  widget_class->css_changed = mdk_plot_view_css_changed;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, MDK_PLOT_FITNESS, MDK_PLOT_N_KINDS - 1, MDK_PLOT_FITNESS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, MDK_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICKED_GENERATION] =
    g_param_spec_int ("picked-generation", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdk_plot_view_init (MdkPlotView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->picked = -1;
  self->pace = 1.0;
  self->plot = mdk_plot_new ();

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_swapped (widget, "notify::scale-factor", G_CALLBACK (queue_rebuild), self);
  gtk_widget_set_cursor_from_name (widget, "crosshair");
  gtk_widget_set_focusable (widget, FALSE);
}

GtkWidget *
mdk_plot_view_new (MdkPlotKind kind)
{
  return g_object_new (MDK_TYPE_PLOT_VIEW, "kind", kind, NULL);
}

MdkPlotKind
mdk_plot_view_get_kind (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), MDK_PLOT_FITNESS);
  return mdk_history_plot_get_kind (self->model);
}

void
mdk_plot_view_set_history (MdkPlotView *self,
                           MdkHistory  *history)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  g_return_if_fail (history == NULL || MDK_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  if (history != NULL)
    self->changed_id = g_signal_connect (history, "changed", G_CALLBACK (on_history_changed), self);
  self->zoomed = FALSE;
  mdk_history_plot_set_history (self->model, history);
  if (self->picked >= 0)
    mdk_plot_view_set_picked_generation (self, -1);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/* MDK_PLOT_ALGORITHM: the statistics of the history's rows (NULL: none). */
void
mdk_plot_view_set_columns (MdkPlotView          *self,
                           const MdkStatColumns *columns)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  mdk_history_plot_set_columns (self->model, columns);
  queue_rebuild (self);
}

/* While running, live updates come at most every MIN_INTERVAL × @pace. */
void
mdk_plot_view_set_pace (MdkPlotView *self,
                        double       pace)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  self->pace = MAX (pace, 1.0);
}

void
mdk_plot_view_set_log_scale (MdkPlotView *self,
                             gboolean     log_scale)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
mdk_plot_view_get_log_scale (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), FALSE);
  return self->log_scale;
}

void
mdk_plot_view_reset_zoom (MdkPlotView *self)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  if (!self->zoomed)
    return;
  self->zoomed = FALSE;
  rebuild (self);
}

void
mdk_plot_view_zoom (MdkPlotView *self,
                    double       x0,
                    double       x1)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  set_range (self, x0, x1);
}

void
mdk_plot_view_get_x_range (MdkPlotView *self,
                           double      *x0,
                           double      *x1)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  visible_range (self, x0, x1);
}

guint
mdk_plot_view_get_n_points (MdkPlotView *self)
{
  double x0, x1;
  guint n;

  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), 0);
  n = model_length (self);
  if (!self->zoomed)
    return n;
  visible_range (self, &x0, &x1);
  return mdk_history_plot_count_range (self->model, x0, x1);
}

guint
mdk_plot_view_get_n_series (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), 0);
  ensure_plot (self);
  return mdk_plot_get_n_series (self->plot);
}

int
mdk_plot_view_get_picked_generation (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), -1);
  return self->picked;
}

void
mdk_plot_view_set_picked_generation (MdkPlotView *self,
                                     int          generation)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  generation = MAX (generation, -1);
  if (self->picked == generation)
    return;
  self->picked = generation;
  mdk_plot_set_marker (self->plot, generation >= 0 ? generation : NAN);
  overlay_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED_GENERATION]);
}

/* Export */

/* What the view shows, at its size and in its font, on white paper. */
static gboolean
export_drawing (MdkPlotView  *self,
                GFile        *file,
                const char   *format,
                GError      **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(MdkPlot) plot = mdk_plot_new ();

  if (width <= 0 || height <= 0)
    {
      width = MDK_HISTORY_PLOT_EXPORT_WIDTH;
      height = MDK_HISTORY_PLOT_EXPORT_HEIGHT;
    }
  build_plot (self, plot, width);
  mdk_plot_set_font (plot, pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  return mdk_plot_write (plot, file, format, width, height, error);
}

gboolean
mdk_plot_view_export (MdkPlotView  *self,
                      GFile        *file,
                      const char   *format,
                      GError      **error)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = mdk_history_plot_to_csv (self->model);
      return mdk_write_text (file, csv, error);
    }
  if (mdk_write_is_drawing_format (format))
    return export_drawing (self, file, format, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Cannot export a plot as “%s”"), format);
  return FALSE;
}
