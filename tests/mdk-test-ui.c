#include "config.h"

#include "mdk-test-ui.h"

#include "mdk-application.h"

#include <string.h>

#include <glib/gstdio.h>
#include <locale.h>

static gboolean has_display;

gboolean
mdk_test_ui_init (int    *argc,
                  char ***argv)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  has_display = gtk_init_check ();
  return has_display;
}

gboolean
mdk_test_ui_has_display (void)
{
  return has_display;
}

gboolean
mdk_test_ui_wait (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return done (data);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

void
mdk_test_ui_flush (void)
{
  gint64 end = g_get_monotonic_time () + 50000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

GtkWidget *
mdk_test_ui_window (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  return window;
}

cairo_surface_t *
mdk_test_ui_render (GtkWidget *widget)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_object_unref (paintable);
  return surface;
}

void
mdk_test_ui_save (cairo_surface_t *surface,
                  const char      *name)
{
  const char *dir = g_getenv ("MEDAKA_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
}

guint
mdk_test_ui_count_color (cairo_surface_t *surface,
                         guint32          rgb,
                         guint            tolerance)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint count = 0;
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = data + y * stride + 4 * x;   /* B, G, R, A on little-endian */
        if (ABS (p[2] - r) <= (int) tolerance && ABS (p[1] - g) <= (int) tolerance &&
            ABS (p[0] - b) <= (int) tolerance)
          count++;
      }
  return count;
}

/* Runs medaka-cli; its status must be 0. */
void
mdk_test_ui_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("MEDAKA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("medaka-cli failed: %s", err);
}

void
mdk_test_ui_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        mdk_test_ui_remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

char *
mdk_test_ui_make_locale (const char *locale)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-locale-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autofree char *input = g_strdup (locale);
  const char *argv[] = { "localedef", "-i", input, "-f", "UTF-8", NULL, NULL };
  int status = -1;

  if (dir == NULL)
    return NULL;
  *strchr (input, '.') = '\0';
  target = g_build_filename (dir, locale, NULL);
  argv[5] = target;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      mdk_test_ui_remove_tree (dir);
      return NULL;
    }
  g_setenv ("LOCPATH", dir, TRUE);
  return g_steal_pointer (&dir);
}

void
mdk_test_ui_drop_locale (char *dir)
{
  g_unsetenv ("LOCPATH");
  mdk_test_ui_remove_tree (dir);
  g_free (dir);
}

/* The last visible toplevel of @type other than @except, or NULL: the
 * dialog a test expects. */
gpointer
mdk_test_ui_find_toplevel (GType    type,
                           gpointer except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && item != except &&
          gtk_widget_get_visible (GTK_WIDGET (item)))
        found = item;
    }
  return found;
}

/* A studio window at @width × @height, presented and drawn. */
MdkWindow *
mdk_test_ui_new_window (int width,
                        int height)
{
  MdkWindow *window;

  mdk_resources_register ();
  window = mdk_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  return window;
}

/* Renders @widget and saves it as @name (mdk_test_ui_save). */
void
mdk_test_ui_screenshot (GtkWidget  *widget,
                        const char *name)
{
  cairo_surface_t *surface = mdk_test_ui_render (widget);

  mdk_test_ui_save (surface, name);
  cairo_surface_destroy (surface);
}

GtkMessageDialog *
mdk_test_ui_find_message_dialog (void)
{
  return mdk_test_ui_find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
}

void
mdk_test_ui_collect_widgets (GtkWidget *widget,
                             GType      type,
                             GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    mdk_test_ui_collect_widgets (c, type, out);
}
