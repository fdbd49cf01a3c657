/* Tests for the CPPN image task: shape, the coordinates each pixel sees
 * (checked bit for bit through hand-built networks), the fitness, the trace,
 * rendering at any size, determinism and evaluation on several threads. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-task.h"
#include "mdk-task-cppn.h"

#include <math.h>
#include <string.h>

static MdkTask *
task_new (const char *color,
          const char *resolution)
{
  const MdkTaskClass *klass = &mdk_task_cppn_class;
  gpointer params = mdk_task_params_new (klass);
  g_autoptr(GError) error = NULL;
  MdkTask *task;

  if (color != NULL)
    {
      mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params, "color"),
                                 params, color, &error);
      g_assert_no_error (error);
    }
  if (resolution != NULL)
    {
      mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params,
                                                         "resolution"),
                                 params, resolution, &error);
      g_assert_no_error (error);
    }
  task = mdk_task_new (klass, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  mdk_task_params_free (klass, params);
  return task;
}

/* Output k (node 4 + k) is the identity of input src[k] (0 = x, 1 = y,
 * 2 = d), or the constant @bias when src[k] < 0. */
static MdkNetwork *
wire_net_new (guint        n_outputs,
              const int   *src,
              double       bias)
{
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, 3, n_outputs, 4 + n_outputs);
  for (guint k = 0; k < n_outputs; k++)
    {
      mdk_network_set_node (net, 4 + k, MDK_ACTIVATION_IDENTITY, src[k] < 0 ? bias : 0.0);
      if (src[k] >= 0)
        mdk_network_add_connection (net, (guint) src[k], 4 + k, 1.0);
    }
  mdk_network_compile (net);
  return net;
}

/* A plaid: sigmoid (3 sin 6x + 3 sin 6y), about two periods each way. */
static MdkNetwork *
plaid_net_new (guint n_outputs)
{
  MdkNetwork *net = mdk_network_new ();
  guint h = 4 + n_outputs;

  mdk_network_begin (net, 3, n_outputs, h + 2);
  mdk_network_set_node (net, h, MDK_ACTIVATION_SINE, 0.0);
  mdk_network_set_node (net, h + 1, MDK_ACTIVATION_SINE, 0.0);
  mdk_network_add_connection (net, 0, h, 6.0);
  mdk_network_add_connection (net, 1, h + 1, 6.0);
  for (guint k = 0; k < n_outputs; k++)
    {
      mdk_network_set_node (net, 4 + k, MDK_ACTIVATION_SIGMOID, 0.0);
      mdk_network_add_connection (net, h, 4 + k, 3.0 + k);
      mdk_network_add_connection (net, h + 1, 4 + k, 3.0 - k);
    }
  mdk_network_compile (net);
  return net;
}

/* The documented coordinates of pixel (i, j) in a width × height image. */
static void
pixel_coords (guint   i,
              guint   j,
              guint   width,
              guint   height,
              double *xyd)
{
  double side = MIN (width, height);

  xyd[0] = (2.0 * i + 1.0 - (double) width) / side;
  xyd[1] = ((double) height - 2.0 * j - 1.0) / side;
  xyd[2] = sqrt (xyd[0] * xyd[0] + xyd[1] * xyd[1]) / G_SQRT2;
}

static double
clamp01 (double v)
{
  return CLAMP (v, 0.0, 1.0);
}

static void
evaluate (const MdkTask *task,
          MdkNetwork    *net,
          MdkEvalResult *result)
{
  MdkRng rng;

  mdk_rng_init (&rng, 7);
  mdk_task_evaluate (task, net, &rng, result);
}

static void
test_shape (void)
{
  g_autoptr(MdkTask) grey = task_new (NULL, NULL);
  g_autoptr(MdkTask) rgb = task_new ("rgb", NULL);
  const MdkTaskClass *klass = mdk_task_class_lookup ("cppn");

  g_assert_true (klass == &mdk_task_cppn_class);
  g_assert_true (klass->deterministic);
  g_assert_cmpint (klass->output_activation, ==, MDK_ACTIVATION_SIGMOID);
  g_assert_nonnull (klass->description);

  g_assert_cmpuint (grey->n_inputs, ==, 3);
  g_assert_cmpstr (grey->input_names[0], ==, "x");
  g_assert_cmpstr (grey->input_names[1], ==, "y");
  g_assert_cmpstr (grey->input_names[2], ==, "d");
  g_assert_cmpuint (grey->n_outputs, ==, 1);
  g_assert_cmpstr (grey->output_names[0], ==, "L");

  g_assert_cmpuint (rgb->n_inputs, ==, 3);
  g_assert_cmpuint (rgb->n_outputs, ==, 3);
  g_assert_cmpstr (rgb->output_names[0], ==, "r");
  g_assert_cmpstr (rgb->output_names[1], ==, "g");
  g_assert_cmpstr (rgb->output_names[2], ==, "b");

  /* The resolution's range is enforced. */
  {
    const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params,
                                                       "resolution");
    gpointer params = mdk_task_params_new (klass);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdkTask) task = NULL;

    g_assert_nonnull (spec);
    g_assert_cmpfloat (mdk_param_get_number (spec, params), ==, 96);
    mdk_param_set_number (spec, params, 4);
    task = mdk_task_new (klass, params, &error);
    g_assert_null (task);
    g_assert_nonnull (error);
    mdk_task_params_free (klass, params);
  }
}

/* The identity of x is a horizontal gradient: black on the left half,
 * rising to almost white at the right edge, the same on every row. */
static void
test_gradient (void)
{
  g_autoptr(MdkTask) task = task_new (NULL, "16");
  const int src[] = { 0 };
  g_autoptr(MdkNetwork) net = wire_net_new (1, src, 0.0);
  double values[16 * 16];
  guint8 rgb[16 * 16 * 3];

  g_assert_true (mdk_task_cppn_render_values (task, net, 16, 16, values));
  g_assert_true (mdk_task_cppn_render (task, net, 16, 16, rgb));
  for (guint j = 0; j < 16; j++)
    for (guint i = 0; i < 16; i++)
      {
        double xyd[3];
        double expected;

        pixel_coords (i, j, 16, 16, xyd);
        expected = clamp01 (xyd[0]);
        g_assert_cmpfloat (values[j * 16 + i], ==, expected);
        /* Pixel centres: (2i + 1 − 16) / 16. */
        if (i >= 8)
          g_assert_cmpfloat (values[j * 16 + i], ==, (2.0 * i - 15.0) / 16.0);
        else
          g_assert_cmpfloat (values[j * 16 + i], ==, 0.0);
        /* Grey: the three channels are equal. */
        for (guint c = 0; c < 3; c++)
          g_assert_cmpuint (rgb[3 * (j * 16 + i) + c], ==, (guint) lround (255.0 * expected));
      }
  g_assert_cmpuint (rgb[3 * 15], ==, 239);   /* 255 × 15/16 */
  g_assert_cmpuint (rgb[0], ==, 0);

  /* y grows upwards: the identity of y is bright at the top. */
  {
    const int src_y[] = { 1 };
    g_autoptr(MdkNetwork) net_y = wire_net_new (1, src_y, 0.0);

    g_assert_true (mdk_task_cppn_render_values (task, net_y, 16, 16, values));
    g_assert_cmpfloat (values[0], ==, 15.0 / 16.0);
    g_assert_cmpfloat (values[15 * 16], ==, 0.0);
  }
}

/* In colour the outputs are r, g, b: here x, y and d, each pixel checked. */
static void
test_rgb_channels (void)
{
  g_autoptr(MdkTask) task = task_new ("rgb", "24");
  const int src[] = { 0, 1, 2 };
  g_autoptr(MdkNetwork) net = wire_net_new (3, src, 0.0);
  g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
  guint8 rgb[24 * 24 * 3];

  g_assert_nonnull (trace);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_IMAGE);
  g_assert_cmpuint (trace->n_outputs, ==, 3);
  g_assert_true (mdk_task_cppn_render (task, net, 24, 24, rgb));
  for (guint j = 0; j < 24; j++)
    for (guint i = 0; i < 24; i++)
      {
        double xyd[3];

        pixel_coords (i, j, 24, 24, xyd);
        for (guint c = 0; c < 3; c++)
          {
            g_assert_cmpfloat (trace->values[3 * (j * 24 + i) + c], ==, clamp01 (xyd[c]));
            g_assert_cmpuint (rgb[3 * (j * 24 + i) + c], ==,
                              (guint) lround (255.0 * clamp01 (xyd[c])));
          }
      }
  /* d is 0 in the centre and about 1 in the corners. */
  g_assert_cmpfloat (trace->values[3 * (12 * 24 + 12) + 2], <, 0.05);
  g_assert_cmpfloat (trace->values[2], >, 0.95);

  /* A network of the wrong shape is refused, and the buffer left alone. */
  {
    const int grey_src[] = { 0 };
    g_autoptr(MdkNetwork) grey = wire_net_new (1, grey_src, 0.0);

    memset (rgb, 0xab, sizeof rgb);
    g_assert_false (mdk_task_cppn_render (task, grey, 24, 24, rgb));
    g_assert_false (mdk_task_cppn_render (task, net, 0, 24, rgb));
    for (guint k = 0; k < sizeof rgb; k++)
      g_assert_cmpuint (rgb[k], ==, 0xab);
  }
}

static void
test_fitness (void)
{
  g_autoptr(MdkTask) task = task_new (NULL, NULL);
  g_autoptr(MdkTask) rgb_task = task_new ("rgb", NULL);
  const int src_const[] = { -1 };
  const int src_x[] = { 0 };
  g_autoptr(MdkNetwork) flat = wire_net_new (1, src_const, 0.3);
  g_autoptr(MdkNetwork) ramp = wire_net_new (1, src_x, 0.0);
  g_autoptr(MdkNetwork) plaid = plaid_net_new (1);
  g_autoptr(MdkNetwork) plaid_rgb = plaid_net_new (3);
  g_autoptr(MdkNetwork) broken = mdk_network_new ();
  MdkEvalResult r_flat, r_ramp, r_plaid, r_rgb, r_broken;

  evaluate (task, flat, &r_flat);
  evaluate (task, ramp, &r_ramp);
  evaluate (task, plaid, &r_plaid);
  evaluate (rgb_task, plaid_rgb, &r_rgb);

  /* A flat image has no structure at all. */
  g_assert_cmpfloat (r_flat.fitness, ==, 0.0);
  g_assert_false (r_flat.solved);
  /* A ramp has some; the plaid, with a few periods each way, more. */
  g_assert_cmpfloat (r_ramp.fitness, >, 0.0);
  g_assert_cmpfloat (r_plaid.fitness, >, r_ramp.fitness);
  g_assert_cmpfloat (r_plaid.fitness, >, 0.5);
  g_assert_cmpfloat (r_plaid.fitness, <=, 1.0);
  g_assert_false (r_plaid.solved);
  g_assert_cmpfloat (r_rgb.fitness, >, 0.3);
  g_assert_cmpfloat (r_rgb.fitness, <=, 1.0);
  g_assert_true (isnan (r_plaid.train_metric));

  /* The output computes inf − inf: NaN pixels count as black. */
  mdk_network_begin (broken, 3, 1, 6);
  mdk_network_set_node (broken, 5, MDK_ACTIVATION_IDENTITY, INFINITY);
  mdk_network_set_node (broken, 4, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (broken, 5, 4, 1.0);
  mdk_network_add_connection (broken, 5, 4, -1.0);
  mdk_network_compile (broken);
  evaluate (task, broken, &r_broken);
  g_assert_cmpfloat (r_broken.fitness, ==, 0.0);

  /* The measure itself: flat 0; a checkerboard of 4-pixel squares has
   * contrast 1 and S = 7/31, so it scores well; one of single pixels is
   * noise, S = 1, and scores much less. */
  {
    double board[32 * 32], fine[32 * 32], flat_img[32 * 32];
    double f_board, f_fine;

    for (guint j = 0; j < 32; j++)
      for (guint i = 0; i < 32; i++)
        {
          board[j * 32 + i] = ((i / 4) + (j / 4)) % 2;
          fine[j * 32 + i] = (i + j) % 2;
          flat_img[j * 32 + i] = 0.7;
        }
    f_board = mdk_task_cppn_image_fitness (board, 32, 32, 1);
    f_fine = mdk_task_cppn_image_fitness (fine, 32, 32, 1);
    g_assert_cmpfloat (mdk_task_cppn_image_fitness (flat_img, 32, 32, 1), ==, 0.0);
    g_assert_cmpfloat (f_board, >, 0.0);
    g_assert_cmpfloat (f_board, <=, 1.0);
    g_assert_cmpfloat (f_fine, <, f_board);
    /* S of the fine board is 1: (1/0.1) e^(1 − 10), contrast 1. */
    g_assert_cmpfloat_with_epsilon (f_fine, 10.0 * exp (-9.0), 1e-12);
  }
}

static void
test_trace_size (void)
{
  const char *sizes[] = { "8", "96", "301" };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint rgb = 0; rgb < 2; rgb++)
      {
        g_autoptr(MdkTask) task = task_new (rgb ? "rgb" : "grey", sizes[s]);
        g_autoptr(MdkNetwork) net = plaid_net_new (rgb ? 3 : 1);
        g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
        guint side = (guint) g_ascii_strtoull (sizes[s], NULL, 10);
        gsize n = (gsize) side * side * (rgb ? 3 : 1);
        double lo = 1, hi = 0;

        g_assert_nonnull (trace);
        g_assert_cmpint (trace->kind, ==, MDK_TRACE_IMAGE);
        g_assert_cmpuint (trace->width, ==, side);
        g_assert_cmpuint (trace->height, ==, side);
        g_assert_cmpuint (trace->n_outputs, ==, rgb ? 3 : 1);
        g_assert_nonnull (trace->values);
        for (gsize k = 0; k < n; k++)
          {
            g_assert_true (trace->values[k] >= 0.0 && trace->values[k] <= 1.0);
            lo = MIN (lo, trace->values[k]);
            hi = MAX (hi, trace->values[k]);
          }
        g_assert_cmpfloat (hi - lo, >, 0.5);
      }
}

/* A 300 × 200 export: every byte written, with square pixels (the shorter
 * side spans [−1, 1], the longer side more). */
static void
test_render_wide (void)
{
  g_autoptr(MdkTask) task = task_new ("rgb", NULL);
  const int src[] = { 0, 1, 2 };
  g_autoptr(MdkNetwork) net = wire_net_new (3, src, 0.0);
  guint w = 300, h = 200;
  g_autofree guint8 *rgb = g_malloc (w * h * 3);
  g_autofree double *values = g_new (double, w * h * 3);

  memset (rgb, 0xab, w * h * 3);
  g_assert_true (mdk_task_cppn_render (task, net, w, h, rgb));
  g_assert_true (mdk_task_cppn_render_values (task, net, w, h, values));
  for (guint j = 0; j < h; j++)
    for (guint i = 0; i < w; i++)
      {
        double xyd[3];

        pixel_coords (i, j, w, h, xyd);
        for (guint c = 0; c < 3; c++)
          {
            gsize k = 3 * ((gsize) j * w + i) + c;

            g_assert_cmpfloat (values[k], ==, clamp01 (xyd[c]));
            g_assert_cmpuint (rgb[k], ==, (guint) lround (255.0 * clamp01 (xyd[c])));
          }
      }
  /* x reaches 1 a quarter of the way in from the right edge (x = 1.5 at
   * the edge): red saturates there. */
  g_assert_cmpuint (rgb[3 * (100 * w + 299)], ==, 255);
  g_assert_cmpuint (rgb[3 * (100 * w + 250)], ==, 255);
  g_assert_cmpuint (rgb[3 * (100 * w + 240)], <, 255);

  /* And a tall, narrow one, in grey: a single column per batch row. */
  {
    g_autoptr(MdkTask) grey = task_new (NULL, NULL);
    const int src_y[] = { 1 };
    g_autoptr(MdkNetwork) net_y = wire_net_new (1, src_y, 0.0);
    g_autofree guint8 *tall = g_malloc (3 * 5000);

    g_assert_true (mdk_task_cppn_render (grey, net_y, 3, 5000 / 3, tall));
    g_assert_cmpuint (tall[0], ==, 255);
    g_assert_cmpuint (tall[3 * 3 * (5000 / 3 - 1)], ==, 0);
  }
}

typedef struct
{
  const MdkTask *task;
  guint          rgb;
  double         fitness[8];
  guint8         image[40 * 30 * 3];
} ThreadData;

static gpointer
thread_func (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(MdkNetwork) net = plaid_net_new (data->rgb ? 3 : 1);

  for (guint k = 0; k < G_N_ELEMENTS (data->fitness); k++)
    {
      MdkEvalResult result;

      evaluate (data->task, net, &result);
      data->fitness[k] = result.fitness;
    }
  mdk_task_cppn_render (data->task, net, 40, 30, data->image);
  return NULL;
}

/* Evaluation is deterministic, and one task serves four threads at once
 * with the same results as alone. */
static void
test_threads (void)
{
  for (guint rgb = 0; rgb < 2; rgb++)
    {
      g_autoptr(MdkTask) task = task_new (rgb ? "rgb" : "grey", NULL);
      g_autoptr(MdkNetwork) net = plaid_net_new (rgb ? 3 : 1);
      ThreadData data[4];
      GThread *threads[4];
      guint8 expected_image[40 * 30 * 3];
      MdkEvalResult expected, again;

      evaluate (task, net, &expected);
      evaluate (task, net, &again);
      g_assert_cmpfloat (expected.fitness, ==, again.fitness);
      g_assert_true (mdk_task_cppn_render (task, net, 40, 30, expected_image));

      for (guint t = 0; t < 4; t++)
        {
          data[t].task = task;
          data[t].rgb = rgb;
          threads[t] = g_thread_new ("eval", thread_func, &data[t]);
        }
      for (guint t = 0; t < 4; t++)
        {
          g_thread_join (threads[t]);
          for (guint k = 0; k < G_N_ELEMENTS (data[t].fitness); k++)
            g_assert_cmpfloat (data[t].fitness[k], ==, expected.fitness);
          g_assert_cmpmem (data[t].image, sizeof data[t].image,
                           expected_image, sizeof expected_image);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/cppn/shape", test_shape);
  g_test_add_func ("/core/task/cppn/gradient", test_gradient);
  g_test_add_func ("/core/task/cppn/rgb-channels", test_rgb_channels);
  g_test_add_func ("/core/task/cppn/fitness", test_fitness);
  g_test_add_func ("/core/task/cppn/trace-size", test_trace_size);
  g_test_add_func ("/core/task/cppn/render-wide", test_render_wide);
  g_test_add_func ("/core/task/cppn/threads", test_threads);

  return g_test_run ();
}
