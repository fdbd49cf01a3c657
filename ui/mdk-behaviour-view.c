/* The behaviour view: a GtkWidget around an MdkBehaviourPlot.
 *
 * The plot (mdk-behaviour-draw.c) is prepared when the trace is set, and
 * again when the widget's font changes; snapshot only draws it.  On a
 * decision grid a click adds a point: the view converts the position to the
 * task's coordinates and emits "point-added", and whoever owns the task
 * (the session) appends it to the painted points.
 *
 * An animated plot (a pole-balancing episode) gets a bar of controls below
 * it: play and pause, a scale to scrub through the frames, the speed and
 * the time.  Playing advances the frame on the frame clock, at the speed
 * times the episode's own time; it stops at the last frame. */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-behaviour-view.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "mdk-behaviour-draw.h"

struct _MdkBehaviourView
{
  GtkWidget         parent_instance;

  MdkTrace         *trace;
  GArray           *behaviours;       /* double, n_behaviour per genome, or NULL */
  guint             n_behaviour;
  GArray           *archive;          /* double, archive_dims per behaviour, or NULL */
  guint             archive_dims;
  MdkBehaviourPlot *plot;
  guint             pango_serial;     /* of the context the plot was made with */
  gboolean          can_add_points;

  /* Animation */
  GtkWidget        *controls;
  GtkWidget        *play_button;
  GtkWidget        *speed_drop_down;
  GtkWidget        *time_label;
  GtkAdjustment    *adjustment;
  double            position;         /* in frames, fractional while playing */
  guint             tick_id;
  gint64            last_tick;        /* µs, 0 before the first tick */
  gboolean          setting_adjustment;
};

/* Replay speeds, as multiples of the episode's own time. */
static const double speeds[] = { 0.25, 1.0, 4.0, 16.0, 64.0 };
#define DEFAULT_SPEED 1

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

static guint
n_frames (MdkBehaviourView *self)
{
  return self->plot != NULL ? mdk_behaviour_plot_get_n_frames (self->plot) : 0;
}

static double
time_step (MdkBehaviourView *self)
{
  return self->trace != NULL && self->trace->time_step > 0 ? self->trace->time_step : 0.02;
}

/* Shows the frame at self->position: the plot, the scale and the time. */
static void
show_position (MdkBehaviourView *self)
{
  guint n = n_frames (self);
  guint frame;
  g_autofree char *text = NULL;

  if (n == 0)
    return;
  self->position = CLAMP (self->position, 0.0, n - 1.0);
  frame = (guint) self->position;
  mdk_behaviour_plot_set_frame (self->plot, frame);
  self->setting_adjustment = TRUE;
  gtk_adjustment_configure (self->adjustment, frame, 0, n - 1, 1, MAX (1, (n - 1) / 20), 0);
  self->setting_adjustment = FALSE;
  /* TRANSLATORS: the replay of a pole-balancing episode: the step shown,
   * the last step and the simulated time, e.g. "617 / 1234 · 12.34 s" */
  text = g_strdup_printf (_("%u / %u · %.2f s"), frame, n - 1, frame * time_step (self));
  gtk_label_set_text (GTK_LABEL (self->time_label), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_play_button (MdkBehaviourView *self)
{
  gboolean playing = self->tick_id != 0;

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               playing ? _("Pause the replay") : _("Play the episode"));
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint n = n_frames (self);

  if (self->last_tick > 0)
    self->position += (now - self->last_tick) / 1e6 * mdk_behaviour_view_get_speed (self) /
                      time_step (self);
  self->last_tick = now;
  if (n == 0 || self->position >= n - 1)
    {
      self->tick_id = 0;
      show_position (self);
      update_play_button (self);
      return G_SOURCE_REMOVE;
    }
  show_position (self);
  return G_SOURCE_CONTINUE;
}

/* The controls follow the plot: shown for an animation, which keeps its
 * place (clamped) when a new trace arrives.  A view that takes no input (a
 * thumbnail in the gallery of interactive evolution) has none. */
static void
update_animation (MdkBehaviourView *self)
{
  gboolean animated = n_frames (self) > 1 && gtk_widget_get_can_target (GTK_WIDGET (self));

  gtk_widget_set_visible (self->controls, animated);
  if (animated)
    show_position (self);
  else
    mdk_behaviour_view_set_playing (self, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_play_clicked (MdkBehaviourView *self)
{
  mdk_behaviour_view_set_playing (self, self->tick_id == 0);
}

static void
on_adjustment_changed (MdkBehaviourView *self)
{
  if (self->setting_adjustment)
    return;
  self->position = gtk_adjustment_get_value (self->adjustment);
  show_position (self);
}

/* Builds the plot from the trace with the widget's current font. */
static void
prepare_plot (MdkBehaviourView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  g_clear_pointer (&self->plot, mdk_behaviour_plot_free);
  self->plot = mdk_behaviour_plot_new (self->trace, context);
  mdk_behaviour_plot_set_behaviours (self->plot, self->behaviours, self->n_behaviour);
  mdk_behaviour_plot_set_archive (self->plot, self->archive, self->archive_dims);
  self->pango_serial = pango_context_get_serial (context);
  update_hints (self);
  update_animation (self);
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
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (widget);

  *minimum = 120;
  *natural = 360;
  if (gtk_widget_get_visible (self->controls))
    {
      int child_min, child_nat;

      gtk_widget_measure (self->controls, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

/* The plot's height: the widget's, less the controls below it. */
static int
plot_height (MdkBehaviourView *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (gtk_widget_get_visible (self->controls))
    height -= gtk_widget_get_height (self->controls);
  return MAX (height, 0);
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
  if (gtk_widget_get_visible (self->controls))
    {
      int child_height;

      gtk_widget_measure (self->controls, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height,
                          NULL, NULL);
      child_height = MIN (child_height, height);
      gtk_widget_size_allocate (self->controls,
                                &(GtkAllocation) { 0, height - child_height, width, child_height },
                                -1);
    }
}

static void
mdk_behaviour_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = plot_height (self);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->plot != NULL && width > 0 && height > 0)
    {
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      mdk_behaviour_plot_draw (self->plot, cr, width, height, &fg);
      cairo_destroy (cr);
    }
  if (gtk_widget_get_visible (self->controls))
    gtk_widget_snapshot_child (widget, self->controls, snapshot);
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
  g_clear_pointer (&self->behaviours, g_array_unref);
  g_clear_pointer (&self->archive, g_array_unref);

  G_OBJECT_CLASS (mdk_behaviour_view_parent_class)->finalize (object);
}

static void
mdk_behaviour_view_dispose (GObject *object)
{
  MdkBehaviourView *self = MDK_BEHAVIOUR_VIEW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->controls, gtk_widget_unparent);

  G_OBJECT_CLASS (mdk_behaviour_view_parent_class)->dispose (object);
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

  object_class->dispose = mdk_behaviour_view_dispose;
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
on_speed_selected (MdkBehaviourView *self)
{
  /* A running replay goes on at the new speed from here. */
  self->last_tick = 0;
}

/* A scale across the whole width, as media players have it, and below it
 * play and pause, the time and the speed: the pane can be narrow. */
static void
build_controls (MdkBehaviourView *self)
{
  static const char * const speed_labels[] = { "¼×", "1×", "4×", "16×", "64×", NULL };
  GtkWidget *scale, *row;

  self->controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->controls, "toolbar");
  gtk_widget_set_parent (self->controls, GTK_WIDGET (self));
  gtk_widget_set_visible (self->controls, FALSE);

  self->adjustment = gtk_adjustment_new (0, 0, 1, 1, 10, 0);
  g_signal_connect_swapped (self->adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_tooltip_text (scale, _("Scrub through the episode"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step of the episode"), -1);
  gtk_box_append (GTK_BOX (self->controls), scale);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->controls), row);

  self->play_button = gtk_button_new ();
  gtk_widget_add_css_class (self->play_button, "flat");
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  gtk_box_append (GTK_BOX (row), self->play_button);

  self->time_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->time_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->time_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->time_label, TRUE);
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_box_append (GTK_BOX (row), self->time_label);

  self->speed_drop_down = gtk_drop_down_new_from_strings (speed_labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_drop_down), DEFAULT_SPEED);
  gtk_widget_set_tooltip_text (self->speed_drop_down, _("Replay speed, against the simulated time"));
  g_signal_connect_swapped (self->speed_drop_down, "notify::selected", G_CALLBACK (on_speed_selected), self);
  gtk_box_append (GTK_BOX (row), self->speed_drop_down);

  update_play_button (self);
}

static void
mdk_behaviour_view_init (MdkBehaviourView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->can_add_points = TRUE;
  build_controls (self);
  g_signal_connect (self, "notify::can-target", G_CALLBACK (update_animation), NULL);

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

/* Keeps a reference to @array in @slot, @dims numbers per item; FALSE when
 * it was there already. */
static gboolean
replace_array (GArray **slot,
               guint   *slot_dims,
               GArray  *array,
               guint    dims)
{
  if (array == *slot)
    return FALSE;
  if (array != NULL)
    g_array_ref (array);
  g_clear_pointer (slot, g_array_unref);
  *slot = array;
  *slot_dims = dims;
  return TRUE;
}

/**
 * mdk_behaviour_view_set_behaviours:
 * @self: a behaviour view
 * @behaviours: (nullable): a generation's behaviour descriptors (doubles,
 *   @n_behaviour per genome, as in an MdkReport), or %NULL for none
 * @n_behaviour: the numbers per genome
 *
 * What the other genomes of the generation did, for the traces that show
 * it: a maze marks where each robot ended.  Kept across new traces; the
 * view keeps a reference, and the array must not change.
 */
void
mdk_behaviour_view_set_behaviours (MdkBehaviourView *self,
                                   GArray           *behaviours,
                                   guint             n_behaviour)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  if (!replace_array (&self->behaviours, &self->n_behaviour, behaviours, n_behaviour))
    return;
  if (self->plot != NULL)
    mdk_behaviour_plot_set_behaviours (self->plot, behaviours, n_behaviour);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mdk_behaviour_view_get_behaviours:
 * @self: a behaviour view
 * @n_behaviour: (out) (optional): the numbers per genome
 *
 * Returns: (transfer none) (nullable): the behaviours given to
 *   mdk_behaviour_view_set_behaviours ().
 */
GArray *
mdk_behaviour_view_get_behaviours (MdkBehaviourView *self,
                                   guint            *n_behaviour)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), NULL);

  if (n_behaviour != NULL)
    *n_behaviour = self->n_behaviour;
  return self->behaviours;
}

/**
 * mdk_behaviour_view_set_archive:
 * @self: a behaviour view
 * @archive: (nullable): novelty search's archive (doubles, @dims per
 *   behaviour, as in an MdkReport), or %NULL for none
 * @dims: the numbers per behaviour
 *
 * The behaviours novelty search has kept, for the traces that show them: a
 * maze marks where each archived robot ended.  Kept across new traces; the
 * view keeps a reference, and the array must not change.
 */
void
mdk_behaviour_view_set_archive (MdkBehaviourView *self,
                                GArray           *archive,
                                guint             dims)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  if (!replace_array (&self->archive, &self->archive_dims, archive, dims))
    return;
  if (self->plot != NULL)
    mdk_behaviour_plot_set_archive (self->plot, archive, dims);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
mdk_behaviour_view_get_archive (MdkBehaviourView *self,
                                guint            *dims)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), NULL);

  if (dims != NULL)
    *dims = self->archive_dims;
  return self->archive;
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
                                     plot_height (self),
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
                                       plot_height (self),
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

/**
 * mdk_behaviour_view_get_n_frames:
 * @self: a behaviour view
 *
 * Returns: the frames of the animation shown, 0 when the trace is still.
 */
guint
mdk_behaviour_view_get_n_frames (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), 0);

  return n_frames (self);
}

/**
 * mdk_behaviour_view_set_frame:
 * @self: a behaviour view
 * @frame: the frame to show, clamped to the last
 *
 * Shows one frame of an animation, as scrubbing to it does.
 */
void
mdk_behaviour_view_set_frame (MdkBehaviourView *self,
                              guint             frame)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  self->position = frame;
  show_position (self);
}

guint
mdk_behaviour_view_get_frame (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), 0);

  return self->plot != NULL ? mdk_behaviour_plot_get_frame (self->plot) : 0;
}

/**
 * mdk_behaviour_view_set_playing:
 * @self: a behaviour view
 * @playing: whether the animation plays
 *
 * Plays or pauses the animation; playing from the last frame starts over.
 * Nothing happens for a still trace.
 */
void
mdk_behaviour_view_set_playing (MdkBehaviourView *self,
                                gboolean          playing)
{
  guint n;

  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  n = n_frames (self);
  playing = playing && n > 1;
  if (playing == (self->tick_id != 0))
    return;
  if (playing)
    {
      if (self->position >= n - 1)
        {
          self->position = 0;
          show_position (self);
        }
      self->last_tick = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
    }
  else
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  update_play_button (self);
}

gboolean
mdk_behaviour_view_get_playing (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), FALSE);

  return self->tick_id != 0;
}

/**
 * mdk_behaviour_view_get_speed:
 * @self: a behaviour view
 *
 * Returns: the replay speed as a multiple of the simulated time.
 */
double
mdk_behaviour_view_get_speed (MdkBehaviourView *self)
{
  guint selected;

  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), 1.0);

  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_drop_down));
  return selected < G_N_ELEMENTS (speeds) ? speeds[selected] : 1.0;
}

/**
 * mdk_behaviour_view_set_speed:
 * @self: a behaviour view
 * @speed: one of 0.25, 1, 4, 16 and 64; others take the nearest
 */
void
mdk_behaviour_view_set_speed (MdkBehaviourView *self,
                              double            speed)
{
  guint best = DEFAULT_SPEED;

  g_return_if_fail (MDK_IS_BEHAVIOUR_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (log (speeds[i] / speed)) < fabs (log (speeds[best] / speed)))
      best = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_drop_down), best);
}

/**
 * mdk_behaviour_view_get_controls:
 * @self: a behaviour view
 *
 * For tests: the bar of animation controls.
 *
 * Returns: (transfer none): the bar.
 */
GtkWidget *
mdk_behaviour_view_get_controls (MdkBehaviourView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_VIEW (self), NULL);

  return self->controls;
}
