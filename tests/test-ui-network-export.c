/* Exporting a network: drawings through Cairo alone (no display needed),
 * the genome's JSON, Graphviz DOT and C source, and the errors. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mdk-network-draw.h"
#include "mdk-network-export.h"
#include "mdk-test-ui.h"

#define BLUE 0x1c71d8
#define ORANGE 0xe66100

static const char * const input_names[] = { "left sensor", "right sensor", NULL };
static const char * const output_names[] = { "turn", NULL };

/* Inputs 0, 1, bias 2, output 3; hidden 4, 5, 6 with a recurrent link
 * 5 → 4, a self-loop on 6 and a disabled 1 → 3. */
static MdkNeatGenome *
make_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);

  mdk_neat_genome_insert_node (g, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.25);
  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_RELU, -0.5);
  mdk_neat_genome_insert_node (g, 6, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_GAUSSIAN, 0.0);
  g->nodes[3].activation = MDK_ACTIVATION_SIGMOID;
  g->nodes[3].bias = -0.125;
  mdk_neat_genome_insert_conn (g, 0, 4, 1, 2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 4, 2, -2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 4, 5, 3, 1.5, TRUE);
  mdk_neat_genome_insert_conn (g, 5, 3, 4, -3.0, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 6, 5, 0.75, TRUE);
  mdk_neat_genome_insert_conn (g, 6, 3, 6, 2.0, TRUE);
  mdk_neat_genome_insert_conn (g, 0, 3, 7, 0.3, TRUE);
  mdk_neat_genome_insert_conn (g, 2, 4, 8, -0.6, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 3, 9, 1.1, FALSE);
  mdk_neat_genome_insert_conn (g, 5, 4, 10, 0.4, TRUE);
  mdk_neat_genome_insert_conn (g, 6, 6, 11, -0.8, TRUE);
  g->id = 3012;
  g->fitness = 15.94;
  g->fitness_valid = TRUE;
  return g;
}

typedef struct
{
  char  *dir;
  GFile *dir_file;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  fx->dir = g_dir_make_tmp ("medaka-ui-export-XXXXXX", &error);
  g_assert_no_error (error);
  fx->dir_file = g_file_new_for_path (fx->dir);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  (void) data;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_object_unref (fx->dir_file);
}

static GBytes *
export_to (Fixture             *fx,
           const MdkNeatGenome *g,
           const char          *format,
           const char          *basename,
           int                  width,
           int                  height)
{
  g_autoptr(GFile) file = g_file_get_child (fx->dir_file, basename);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_true (mdk_network_export (g, input_names, output_names, file, format,
                                     width, height, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  return bytes;
}

static gboolean
bytes_have_prefix (GBytes     *bytes,
                   const char *prefix)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size >= strlen (prefix) && memcmp (data, prefix, strlen (prefix)) == 0;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  /* Not strstr (): a PDF has NUL bytes in its compressed streams. */
  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_white (cairo_surface_t *surface)
{
  return mdk_test_ui_count_color (surface, 0xffffff, 2);
}

static void
test_png (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "png", "net.png", 720, 420);
  g_autofree char *path = g_build_filename (fx->dir, "net.png", NULL);
  cairo_surface_t *image;
  guint total, white;

  (void) data;
  g_assert_true (bytes_have_prefix (bytes, "\x89PNG\r\n\x1a\n"));

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 720);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 420);
  mdk_test_ui_save (image, "network-export-png.png");

  /* On white, with both weight colours and dark text. */
  total = 720 * 420;
  white = count_white (image);
  g_assert_cmpuint (white, >, total / 2);
  g_assert_cmpuint (white, <, total);
  g_assert_cmpuint (mdk_test_ui_count_color (image, BLUE, 40), >, 200);
  g_assert_cmpuint (mdk_test_ui_count_color (image, ORANGE, 40), >, 200);
  g_assert_cmpuint (mdk_test_ui_count_color (image, 0x241f31, 60), >, 50);
  cairo_surface_destroy (image);
}

static void
test_png_default_size (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "png", "auto.png", 0, 0);
  g_autofree char *path = g_build_filename (fx->dir, "auto.png", NULL);
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  (void) data;
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >=, 480);
  g_assert_cmpint (cairo_image_surface_get_height (image), >=, 320);
  g_assert_cmpuint (mdk_test_ui_count_color (image, BLUE, 40), >, 100);
  cairo_surface_destroy (image);
}

static void
test_svg (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "svg", "net.svg", 600, 360);
  g_autofree char *path = g_build_filename (fx->dir, "net.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  (void) data;
  g_assert_true (bytes_contain (bytes, "<svg"));
  g_assert_true (bytes_contain (bytes, "</svg>"));
  g_assert_true (bytes_contain (bytes, "width=\"600"));

  /* Drawn back through librsvg when gdk-pixbuf has its loader. */
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  if (g_error_matches (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    g_test_message ("no SVG loader: the SVG is not rendered back");
  else
    {
      cairo_surface_t *image;
      cairo_t *cr;

      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 600);
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 360);
      cr = cairo_create (image);
      gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      mdk_test_ui_save (image, "network-export-svg.png");
      g_assert_cmpuint (count_white (image), >, 600 * 360 / 2);
      g_assert_cmpuint (mdk_test_ui_count_color (image, BLUE, 40), >, 100);
      g_assert_cmpuint (mdk_test_ui_count_color (image, ORANGE, 40), >, 100);
      cairo_surface_destroy (image);
    }
}

static void
test_pdf (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "pdf", "net.pdf", 600, 360);

  (void) data;
  g_assert_true (bytes_have_prefix (bytes, "%PDF-"));
  g_assert_true (bytes_contain (bytes, "%%EOF"));
  g_assert_true (bytes_contain (bytes, "/MediaBox [ 0 0 600 360 ]"));
}

static void
test_dot (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "dot", "net.gv", 0, 0);

  (void) data;
  g_assert_true (bytes_contain (bytes, "digraph medaka {"));
  g_assert_true (bytes_contain (bytes, "n0 [label=\"left sensor\""));
  g_assert_true (bytes_contain (bytes, "n5 -> n4 ["));
  g_assert_true (bytes_contain (bytes, "n6 -> n6 ["));
}

static void
test_json_round_trip (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "json", "net.json", 0, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkNeatGenome) back = NULL;
  JsonObject *obj;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  (void) data;
  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "format"), ==, "medaka-genome");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj, "input_names"), 1),
                   ==, "right sensor");
  g_assert_true (bytes_contain (bytes, "\n  \"nodes\""));   /* pretty, two spaces */

  back = mdk_neat_genome_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_inputs, ==, g->n_inputs);
  g_assert_cmpuint (back->n_outputs, ==, g->n_outputs);
  g_assert_cmpuint (back->id, ==, g->id);
  g_assert_true (back->fitness_valid);
  g_assert_cmpfloat (back->fitness, ==, g->fitness);
  g_assert_cmpuint (back->n_nodes, ==, g->n_nodes);
  for (guint i = 0; i < g->n_nodes; i++)
    {
      g_assert_cmpuint (back->nodes[i].id, ==, g->nodes[i].id);
      g_assert_cmpuint (back->nodes[i].type, ==, g->nodes[i].type);
      g_assert_cmpuint (back->nodes[i].activation, ==, g->nodes[i].activation);
      g_assert_cmpfloat (back->nodes[i].bias, ==, g->nodes[i].bias);
    }
  g_assert_cmpuint (back->n_conns, ==, g->n_conns);
  for (guint i = 0; i < g->n_conns; i++)
    {
      g_assert_cmpuint (back->conns[i].in, ==, g->conns[i].in);
      g_assert_cmpuint (back->conns[i].out, ==, g->conns[i].out);
      g_assert_cmpuint (back->conns[i].innovation, ==, g->conns[i].innovation);
      g_assert_cmpuint (!!back->conns[i].enabled, ==, !!g->conns[i].enabled);
      g_assert_cmpfloat (back->conns[i].weight, ==, g->conns[i].weight);
    }
}

static void
test_c_compiles (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(GBytes) bytes = export_to (fx, g, "c", "net.c", 0, 0);
  g_autofree char *cc = g_find_program_in_path ("cc");
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  int status = 0;

  (void) data;
  g_assert_true (bytes_contain (bytes, "void medaka_net (const float *in, float *out);"));
  g_assert_true (bytes_contain (bytes, "medaka_net_state"));   /* the genome is recurrent */
  g_assert_true (bytes_contain (bytes, "in[0]  left sensor"));
  g_assert_true (bytes_contain (bytes, "out[0]  turn"));

  if (cc == NULL)
    cc = g_find_program_in_path ("gcc");
  if (cc == NULL)
    {
      g_test_skip ("no C compiler (cc or gcc) in PATH");
      return;
    }
  {
    const char *argv[] = { cc, "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror",
                           "-c", "net.c", "-o", "net.o", NULL };
    g_assert_true (g_spawn_sync (fx->dir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err_text, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the exported C did not compile:\n%s", err_text);
  }
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autofree char *path = g_build_filename (fx->dir, "no-such-folder", "net.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bmp = g_file_get_child (fx->dir_file, "net.bmp");
  g_autofree char *bmp_path = g_file_get_path (bmp);
  const char *formats[] = { "png", "svg", "pdf", "dot", "json", "c" };

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mdk_network_export (g, input_names, output_names, file, formats[i],
                                          400, 300, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
      g_assert_cmpint (error->code, ==, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, path));
      g_test_message ("%s: %s", formats[i], error->message);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mdk_network_export (g, NULL, NULL, bmp, "bmp", 0, 0, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, bmp_path));
    g_assert_nonnull (strstr (error->message, "bmp"));
    g_assert_false (g_file_query_exists (bmp, NULL));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mdk_network_export_drawing (g, NULL, NULL, bmp, "json", 0, 0, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_false (g_file_query_exists (bmp, NULL));
  }
}

static void
test_formats (void)
{
  guint n = 0;
  const MdkNetworkExportFormat *all = mdk_network_export_get_formats (&n);
  g_autoptr(GFile) upper = g_file_new_for_path ("/tmp/Net.PNG");
  g_autoptr(GFile) gv = g_file_new_for_path ("/tmp/net.dot");
  g_autoptr(GFile) none = g_file_new_for_path ("/tmp/net");
  g_autoptr(GFile) txt = g_file_new_for_path ("/tmp/net.txt");

  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (all[i].id);
      g_assert_nonnull (all[i].label);
      g_assert_nonnull (all[i].mime_type);
    }
  g_assert_cmpstr (mdk_network_export_format_for_file (upper)->id, ==, "png");
  g_assert_cmpstr (mdk_network_export_format_for_file (gv)->id, ==, "dot");
  g_assert_null (mdk_network_export_format_for_file (none));
  g_assert_null (mdk_network_export_format_for_file (txt));
}

int
main (int    argc,
      char **argv)
{
  /* Pure Cairo and GIO: these run with or without a display. */
  mdk_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/network-export/png", test_png);
  ADD ("/ui/network-export/png-default-size", test_png_default_size);
  ADD ("/ui/network-export/svg", test_svg);
  ADD ("/ui/network-export/pdf", test_pdf);
  ADD ("/ui/network-export/dot", test_dot);
  ADD ("/ui/network-export/json-round-trip", test_json_round_trip);
  ADD ("/ui/network-export/c-compiles", test_c_compiles);
  ADD ("/ui/network-export/errors", test_errors);
#undef ADD
  g_test_add_func ("/ui/network-export/formats", test_formats);

  return g_test_run ();
}
