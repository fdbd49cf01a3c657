#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-network-view.h"

#include <glib/gi18n-lib.h>

#include "mdk-network-draw.h"
#include "mdk-ui-color.h"

struct _MdkNetworkView
{
  GtkWidget           parent_instance;

  MdkNeatGenome      *genome;        /* own copy, or NULL */
  char              **input_names;
  char              **output_names;
  gboolean            compact;

  /* Prepared for snapshot () and hit tests. */
  MdkNetworkLayout    layout;
  MdkNetworkGeometry  geometry;
  gboolean            geometry_valid;
  int                 hover_node;
  int                 hover_conn;
};

enum
{
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdkNetworkView, mdk_network_view, GTK_TYPE_WIDGET)

static void
fill_options (MdkNetworkView        *self,
              MdkNetworkDrawOptions *options)
{
  mdk_network_draw_options_init (options);
  options->compact = self->compact;
  options->font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  options->highlight_node = self->hover_node;
  options->highlight_conn = self->hover_conn;
}

/* The geometry for the current size: made whenever the size or the genome
 * changes, so that snapshot () only draws. */
static void
update_geometry (MdkNetworkView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  MdkNetworkDrawOptions options;

  self->geometry_valid = FALSE;
  if (self->genome == NULL || w <= 0 || h <= 0)
    return;
  fill_options (self, &options);
  mdk_network_geometry_init (&self->geometry, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                             w, h, self->genome, &self->layout,
                             (const char * const *) self->input_names,
                             (const char * const *) self->output_names, &options);
  self->geometry_valid = TRUE;
}

static void
set_hover (MdkNetworkView *self,
           int             node,
           int             conn)
{
  if (node == self->hover_node && conn == self->hover_conn)
    return;
  self->hover_node = node;
  self->hover_conn = conn;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MdkNetworkView           *self)
{
  int node = -1, conn = -1;

  if (self->geometry_valid)
    mdk_network_hit_test (&self->geometry, self->genome, &self->layout, x, y, &node, &conn);
  set_hover (self, node, conn);
}

static void
on_leave (GtkEventControllerMotion *motion,
          MdkNetworkView           *self)
{
  set_hover (self, -1, -1);
}

static char *
describe_node (MdkNetworkView *self,
               guint           index)
{
  return mdk_network_describe_node (self->genome, index, (const char * const *) self->input_names,
                                    (const char * const *) self->output_names);
}

static char *
describe_conn (MdkNetworkView *self,
               guint           index)
{
  return mdk_network_describe_connection (self->genome, index,
                                          (self->layout.conn_flags[index] & MDK_NETWORK_CONN_RECURRENT) != 0,
                                          (const char * const *) self->input_names,
                                          (const char * const *) self->output_names);
}

char *
mdk_network_view_dup_tooltip_at (MdkNetworkView *self,
                                 double          x,
                                 double          y)
{
  int node, conn;

  g_return_val_if_fail (MDK_IS_NETWORK_VIEW (self), NULL);

  if (!self->geometry_valid ||
      !mdk_network_hit_test (&self->geometry, self->genome, &self->layout, x, y, &node, &conn))
    return NULL;
  return node >= 0 ? describe_node (self, node) : describe_conn (self, conn);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = mdk_network_view_dup_tooltip_at (MDK_NETWORK_VIEW (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
mdk_network_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MdkNetworkView *self = MDK_NETWORK_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  MdkNetworkDrawOptions options;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  fill_options (self, &options);
  options.foreground = mdk_ui_get_foreground (widget);

  if (self->genome == NULL || !self->geometry_valid)
    {
      g_autoptr(PangoLayout) pl = NULL;
      int tw, th;

      if (self->compact)
        return;
      pl = gtk_widget_create_pango_layout (widget, _("No network to show"));
      pango_layout_get_pixel_size (pl, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - tw) / 2.0f, (h - th) / 2.0f));
      {
        GdkRGBA fg = mdk_rgba_to_gdk (&options.foreground);

        fg.alpha *= 0.55f;
        gtk_snapshot_append_layout (snapshot, pl, &fg);
      }
      gtk_snapshot_restore (snapshot);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  mdk_network_draw_with_geometry (cr, &self->geometry, self->genome, &self->layout,
                                  (const char * const *) self->input_names,
                                  (const char * const *) self->output_names, &options);
  cairo_destroy (cr);
}

static void
mdk_network_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MdkNetworkView *self = MDK_NETWORK_VIEW (widget);

  if (self->compact)
    {
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 40 : 30;
      return;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = MAX (320, 90 * (int) self->layout.n_columns + 160);
    }
  else
    {
      *minimum = 80;
      *natural = MAX (220, 34 * (int) self->layout.max_rows + 40);
    }
}

static void
mdk_network_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_geometry (MDK_NETWORK_VIEW (widget));
}

static void
mdk_network_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mdk_network_view_parent_class)->css_changed (widget, change);
  /* The font measures the names. */
  update_geometry (MDK_NETWORK_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
mdk_network_view_finalize (GObject *object)
{
  MdkNetworkView *self = MDK_NETWORK_VIEW (object);

  g_clear_pointer (&self->genome, mdk_neat_genome_free);
  g_clear_pointer (&self->input_names, g_strfreev);
  g_clear_pointer (&self->output_names, g_strfreev);
  mdk_network_layout_clear (&self->layout);

  G_OBJECT_CLASS (mdk_network_view_parent_class)->finalize (object);
}

static void
mdk_network_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdkNetworkView *self = MDK_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_network_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MdkNetworkView *self = MDK_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      mdk_network_view_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_network_view_class_init (MdkNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mdk_network_view_finalize;
  object_class->get_property = mdk_network_view_get_property;
  object_class->set_property = mdk_network_view_set_property;
  widget_class->snapshot = mdk_network_view_snapshot;
  widget_class->measure = mdk_network_view_measure;
  widget_class->size_allocate = mdk_network_view_size_allocate;
  widget_class->css_changed = mdk_network_view_css_changed;

  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "network-view");
}

static void
mdk_network_view_init (MdkNetworkView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover_node = -1;
  self->hover_conn = -1;
  self->layout.n_columns = 2;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

GtkWidget *
mdk_network_view_new (void)
{
  return g_object_new (MDK_TYPE_NETWORK_VIEW, NULL);
}

void
mdk_network_view_set_genome (MdkNetworkView      *self,
                             const MdkNeatGenome *genome,
                             const char * const  *input_names,
                             const char * const  *output_names)
{
  g_return_if_fail (MDK_IS_NETWORK_VIEW (self));

  g_clear_pointer (&self->genome, mdk_neat_genome_free);
  g_clear_pointer (&self->input_names, g_strfreev);
  g_clear_pointer (&self->output_names, g_strfreev);
  mdk_network_layout_clear (&self->layout);
  self->hover_node = -1;
  self->hover_conn = -1;

  if (genome != NULL)
    {
      self->genome = mdk_neat_genome_copy (genome);
      self->input_names = g_strdupv ((char **) input_names);
      self->output_names = g_strdupv ((char **) output_names);
      mdk_network_layout (self->genome, &self->layout);
    }
  update_geometry (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const MdkNeatGenome *
mdk_network_view_get_genome (MdkNetworkView *self)
{
  g_return_val_if_fail (MDK_IS_NETWORK_VIEW (self), NULL);

  return self->genome;
}

void
mdk_network_view_set_compact (MdkNetworkView *self,
                              gboolean        compact)
{
  g_return_if_fail (MDK_IS_NETWORK_VIEW (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  update_geometry (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
mdk_network_view_get_compact (MdkNetworkView *self)
{
  g_return_val_if_fail (MDK_IS_NETWORK_VIEW (self), FALSE);

  return self->compact;
}

gboolean
mdk_network_view_get_node_position (MdkNetworkView *self,
                                    guint32         node_id,
                                    double         *x,
                                    double         *y)
{
  int v;

  g_return_val_if_fail (MDK_IS_NETWORK_VIEW (self), FALSE);

  if (self->genome == NULL || !self->geometry_valid)
    return FALSE;
  v = mdk_neat_genome_find_node (self->genome, node_id);
  if (v < 0)
    return FALSE;
  *x = self->geometry.x0 + self->layout.nodes[v].x * self->geometry.sx;
  *y = self->geometry.y0 + self->layout.nodes[v].y * self->geometry.sy;
  return TRUE;
}
