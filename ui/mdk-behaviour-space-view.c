#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-behaviour-space-view.h"

struct _MdkBehaviourSpaceView
{
  GtkWidget          parent_instance;
  MdkBehaviourSpace *space;
};

G_DEFINE_FINAL_TYPE (MdkBehaviourSpaceView, mdk_behaviour_space_view, GTK_TYPE_WIDGET)

GtkWidget *
mdk_behaviour_space_view_new (void)
{
  return g_object_new (MDK_TYPE_BEHAVIOUR_SPACE_VIEW, NULL);
}

void
mdk_behaviour_space_view_set_report (MdkBehaviourSpaceView *self,
                                     MdkReport             *report)
{
  g_return_if_fail (MDK_IS_BEHAVIOUR_SPACE_VIEW (self));

  mdk_behaviour_space_set_map (self->space, report != NULL ? report->map : NULL);
  mdk_behaviour_space_set_archive (self->space, report != NULL ? report->archive : NULL,
                                   report != NULL ? report->archive_dims : 0);
  mdk_behaviour_space_set_population (self->space, report != NULL ? report->behaviours : NULL,
                                      report != NULL ? report->n_behaviour : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

MdkBehaviourSpace *
mdk_behaviour_space_view_get_space (MdkBehaviourSpaceView *self)
{
  g_return_val_if_fail (MDK_IS_BEHAVIOUR_SPACE_VIEW (self), NULL);
  return self->space;
}

gboolean
mdk_behaviour_space_view_export (MdkBehaviourSpaceView  *self,
                                 GFile                  *file,
                                 const char             *format,
                                 GError                **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  g_return_val_if_fail (MDK_IS_BEHAVIOUR_SPACE_VIEW (self), FALSE);

  return mdk_behaviour_space_write (self->space, file, format,
                                    width > 0 ? width : MDK_BEHAVIOUR_SPACE_EXPORT_WIDTH,
                                    height > 0 ? height : MDK_BEHAVIOUR_SPACE_EXPORT_HEIGHT, error);
}

static void
mdk_behaviour_space_view_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  MdkBehaviourSpaceView *self = MDK_BEHAVIOUR_SPACE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  MdkRGBA ink;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  ink = (MdkRGBA) { fg.red, fg.green, fg.blue, fg.alpha };
  mdk_behaviour_space_set_colors (self->space, &ink, NULL);
  mdk_behaviour_space_set_font (self->space,
                                pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  mdk_behaviour_space_draw (self->space, cr, width, height);
  cairo_destroy (cr);
}

static void
mdk_behaviour_space_view_finalize (GObject *object)
{
  MdkBehaviourSpaceView *self = MDK_BEHAVIOUR_SPACE_VIEW (object);

  mdk_behaviour_space_free (self->space);
  G_OBJECT_CLASS (mdk_behaviour_space_view_parent_class)->finalize (object);
}

static void
mdk_behaviour_space_view_class_init (MdkBehaviourSpaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mdk_behaviour_space_view_finalize;
  widget_class->snapshot = mdk_behaviour_space_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdk_behaviour_space_view_init (MdkBehaviourSpaceView *self)
{
  self->space = mdk_behaviour_space_new ();
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
