/* The behaviour view: a GtkWidget around an MdkBehaviourPlot.
 *
 * The plot (mdk-behaviour-draw.c) is prepared when the trace is set, and
 * again when the widget's font changes; snapshot only draws it.  On a
 * decision grid a click adds a point: the view converts the position to the
 * task's coordinates and emits "point-added", and whoever owns the task
 * (the session) appends it to the painted points. */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-behaviour-view.h"

#include <glib/gi18n-lib.h>

#include "mdk-behaviour-draw.h"

struct _MdkBehaviourView
{
  GtkWidget         parent_instance;

  MdkTrace         *trace;
  MdkBehaviourPlot *plot;
  guint             pango_serial;     /* of the context the plot was made with */
  gboolean          can_add_points;
};

G_DEFINE_FINAL_TYPE (MdkBehaviourView, mdk_behaviour_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CAN_ADD_POINTS,
  N_PROPS
};

enum
{
  POINT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
painting_enabled (MdkBehaviourView *self)
{
  return self->can_add_points && self->plot != NULL &&
         mdk_behaviour_plot_accepts_points (self->plot);
}

/* Pointer hints follow what a click would do. */
static void
update_hints (MdkBehaviourView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (painting_enabled (self))
    {
      gtk_widget_set_tooltip_text (widget,
                                   _("Click to add a training point of class 1; right-click "
                                     "or Shift+click to add one of class 0"));
      gtk_widget_set_cursor_from_name (widget, "crosshair");
    }
  else
    {
      gtk_widget_set_tooltip_text (widget, NULL);
      gtk_widget_set_cursor (widget, NULL);
    }
}

/* Builds the plot from the trace with the widget's current font. */
static void
prepare_plot (MdkBehaviourView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  g_clear_pointer (&self->plot, mdk_behaviour_plot_free);
  self->plot = mdk_behaviour_plot_new (self->trace, context);
  self->pango_serial = pango_context_get_serial (context);
  update_hints (self);
}

static void
mdk_behaviour_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 120;
  *natural = 360;
}

static void
mdk_behaviour_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (widget);
  PangoContext *context = gtk_widget_get_pango_context (widget);

  /* A font change (theme, text scaling) changes the context and queues a
   * resize: the layouts are remade here, never in snapshot. */
  if (self->plot == NULL || pango_context_get_serial (context) != self->pango_serial)
    prepare_plot (self);
}

static void
mdk_behaviour_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->plot == NULL || width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  mdk_behaviour_plot_draw (self->plot, cr, width, height, &fg);
  cairo_destroy (cr);
}

static void
click_pressed (GtkGestureClick  *gesture,
               int               n_press,
               double            x,
               double            y,
               MdkBehaviourView *self)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkModifierType state;

  if (n_press != 1)
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (mdk_behaviour_view_click (self, x, y, gtk_gesture_single_get_current_button (single),
                                state))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
mdk_behaviour_view_finalize (GObject *object)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (object);

  g_clear_pointer (&self->plot, mdk_behaviour_plot_free);
  g_clear_pointer (&self->trace, mdk_trace_unref);

  G_OBJECT_CLASS (mdk_behaviour_view_parent_class)->finalize (object);
}

static void
mdk_behaviour_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAN_ADD_POINTS:
      g_value_set_boolean (value, self->can_add_points);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_behaviour_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAN_ADD_POINTS:
      mdk_behaviour_view_set_can_add_points (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_behaviour_view_class_init (MdkBehaviourViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mdk_behaviour_view_finalize;
  object_class->get_property = mdk_behaviour_view_get_property;
  object_class->set_property = mdk_behaviour_view_set_property;

  widget_class->measure = mdk_behaviour_view_measure;
  widget_class->size_allocate = mdk_behaviour_view_size_allocate;
  widget_class->snapshot = mdk_behaviour_view_snapshot;

  properties[PROP_CAN_ADD_POINTS] =
    g_param_spec_boolean ("can-add-points", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdkBehaviourView::point-added:
   * @self: the view
   * @x: the point's x, in the task's coordinates
   * @y: its y
   * @class: its class, 0 or 1
   *
   * A point was painted on the decision grid.
   */
  signals[POINT_ADDED] =
    g_signal_new ("point-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "behaviourview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdk_behaviour_view_init (MdkBehaviourView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->can_add_points = TRUE;

  /* Any button: the handler tells primary and secondary apart. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Behaviour of the best network"),
                                  -1);
}

GtkWidget *
mdk_behaviour_view_new (void)
{
  return g_object_new (MDK_TYPE_BEHAVIOUR_VIEW, NULL);
}

/**
 * mdk_behaviour_view_set_trace:
 * @self: a behaviour view
 * @trace: (nullable): what to show; %NULL shows "No network yet"
 *
 * Shows @trace, drawn according to its kind.  The view keeps a reference;
 * everything it draws is prepared here.
 */
void
mdk_behaviour_view_set_trace (MdkBehaviourView *self,
                              MdkTrace         *trace)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  if (trace == self->trace && self->plot != NULL)
    return;
  if (trace != NULL)
    mdk_trace_ref (trace);
  g_clear_pointer (&self->trace, mdk_trace_unref);
  self->trace = trace;
  prepare_plot (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mdk_behaviour_view_get_trace:
 * @self: a behaviour view
 *
 * Returns: (transfer none) (nullable): the trace shown.
 */
MdkTrace *
mdk_behaviour_view_get_trace (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), NULL);

  return self->trace;
}

void
mdk_behaviour_view_set_can_add_points (MdkBehaviourView *self,
                                       gboolean          can_add_points)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  can_add_points = !!can_add_points;
  if (self->can_add_points == can_add_points)
    return;
  self->can_add_points = can_add_points;
  update_hints (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_ADD_POINTS]);
}

gboolean
mdk_behaviour_view_get_can_add_points (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), FALSE);

  return self->can_add_points;
}

gboolean
mdk_behaviour_view_widget_to_task (MdkBehaviourView *self,
                                   double            wx,
                                   double            wy,
                                   double           *x,
                                   double           *y)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), FALSE);

  if (self->plot == NULL)
    return FALSE;
  return mdk_behaviour_plot_to_task (self->plot,
                                     gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self)),
                                     wx, wy, x, y);
}

gboolean
mdk_behaviour_view_task_to_widget (MdkBehaviourView *self,
                                   double            x,
                                   double            y,
                                   double           *wx,
                                   double           *wy)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), FALSE);

  if (self->plot == NULL)
    return FALSE;
  return mdk_behaviour_plot_from_task (self->plot,
                                       gtk_widget_get_width (GTK_WIDGET (self)),
                                       gtk_widget_get_height (GTK_WIDGET (self)),
                                       x, y, wx, wy);
}

gboolean
mdk_behaviour_view_click (MdkBehaviourView *self,
                          double            wx,
                          double            wy,
                          guint             button,
                          GdkModifierType   state)
{
  double x, y;
  guint cls;

  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), FALSE);

  if (!painting_enabled (self))
    return FALSE;
  if (button == GDK_BUTTON_PRIMARY)
    cls = (state & GDK_SHIFT_MASK) ? 0 : 1;
  else if (button == GDK_BUTTON_SECONDARY)
    cls = 0;
  else
    return FALSE;
  if (!mdk_behaviour_view_widget_to_task (self, wx, wy, &x, &y))
    return FALSE;

  g_signal_emit (self, signals[POINT_ADDED], 0, x, y, cls);
  return TRUE;
}
