/* Images drawn by compositional pattern-producing networks (Stanley, 2007,
 * "Compositional pattern producing networks: a novel abstraction of
 * development"; the interactive form is Picbreeder, Secretan et al., 2008).
 * The network is asked for the colour of every pixel from its coordinates
 * (see mdk-task-cppn.h); sine, Gaussian, abs and tanh hidden nodes turn those
 * into repetition, symmetry and soft shapes.
 *
 * A CPPN is usually judged by a person.  So that a run without one still
 * goes somewhere visible, the fitness measures two things any interesting
 * picture has, on a MDK_TASK_CPPN_FITNESS_SIZE² rendering:
 *
 *  - contrast: the standard deviation of the pixel values, which is at most
 *    0.5 for values in [0, 1], scaled by 2 and capped at 1;
 *  - structure: S, the mean absolute difference between horizontally and
 *    vertically neighbouring pixels, through (S / S₀) e^(1 − S / S₀), which
 *    is 0 for a flat image, 1 at S = S₀ and falls again towards pixel noise.
 *    S₀ = 0.1 is what stripes going through about three periods across the
 *    image give: enough to be a pattern, too little to be noise.
 *
 * With colours both are the means over the three channels.  The fitness is
 * their product, in [0, 1].  No network "solves" the task: stop a run by
 * generations or by a fitness target.
 *
 * The task is read-only after init: the fitness inputs are computed once,
 * and evaluation writes only into the network's scratch space. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task-cppn.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

#define N_CPPN_INPUTS 3
#define STRUCTURE_REFERENCE 0.1
/* Rendering goes through the network in batches of about this many
 * pixels, so that a large export needs little memory. */
#define BATCH_PIXELS 4096
/* Larger sides would overflow nothing, but nobody needs them. */
#define MAX_RENDER_SIDE 65536

typedef enum
{
  COLOR_GREY,
  COLOR_RGB,
} ColorMode;

typedef struct
{
  int color;
  int resolution;
} MdkTaskCppnParams;

typedef struct
{
  double *inputs;     /* the fitness image's inputs, FITNESS_SIZE² rows of 3 */
} CppnData;

static const MdkParamChoice color_choices[] = {
  { "grey", N_("Grey levels") },
  { "rgb", N_("Red, green and blue") },
  { NULL, NULL }
};

static const MdkParamSpec cppn_params[] = {
  {
    .id = "color",
    .label = N_("Colours"),
    .group = N_("Image"),
    .help = N_("Whether the network draws in grey levels, with one output, or in colour, "
               "with three outputs for red, green and blue."),
    .type = MDK_PARAM_CHOICE,
    .def = COLOR_GREY,
    .choices = color_choices,
    .offset = offsetof (MdkTaskCppnParams, color),
  },
  {
    .id = "resolution",
    .label = N_("Resolution"),
    .group = N_("Image"),
    .help = N_("The width and height in pixels of the image shown for the best network. "
               "It does not change the fitness, which is always measured on a 32 × 32 "
               "image."),
    .type = MDK_PARAM_INT,
    .min = 8,
    .max = 1024,
    .def = 96,
    .offset = offsetof (MdkTaskCppnParams, resolution),
  },
};

/* The inputs of @n_rows image rows from @row0 on, 3 per pixel: x, y, d.
 * The shorter side spans [−1, 1] and pixels are sampled at their centres;
 * each coordinate is one exact integer expression divided once, so that
 * tests can reproduce it bit for bit. */
static void
sample_rows (guint   width,
             guint   height,
             guint   row0,
             guint   n_rows,
             double *inputs)
{
  double side = MIN (width, height);

  for (guint j = row0; j < row0 + n_rows; j++)
    {
      double y = ((double) height - 2.0 * j - 1.0) / side;

      for (guint i = 0; i < width; i++)
        {
          double x = (2.0 * i + 1.0 - (double) width) / side;

          inputs[0] = x;
          inputs[1] = y;
          inputs[2] = sqrt (x * x + y * y) / G_SQRT2;
          inputs += N_CPPN_INPUTS;
        }
    }
}

/* Intensities: clamped to [0, 1], NaN is black. */
static void
clamp_values (double *values,
              gsize   n)
{
  for (gsize k = 0; k < n; k++)
    values[k] = isnan (values[k]) ? 0.0 : CLAMP (values[k], 0.0, 1.0);
}

static gboolean
cppn_init (MdkTask  *task,
           GError  **error)
{
  const MdkTaskCppnParams *params = task->params;
  static const char * const inputs[N_CPPN_INPUTS] = { "x", "y", "d" };
  /* Symbols, the same in every language: lightness, or red, green, blue. */
  static const char * const grey_outputs[] = { "L" };
  static const char * const rgb_outputs[] = { "r", "g", "b" };
  CppnData *data = g_new0 (CppnData, 1);
  guint n = MDK_TASK_CPPN_FITNESS_SIZE;

  task->priv = data;
  data->inputs = g_new (double, (gsize) n * n * N_CPPN_INPUTS);
  sample_rows (n, n, 0, n, data->inputs);

  if (params->color == COLOR_RGB)
    mdk_task_set_names (task, inputs, N_CPPN_INPUTS, rgb_outputs, 3);
  else
    mdk_task_set_names (task, inputs, N_CPPN_INPUTS, grey_outputs, 1);
  return TRUE;
}

static void
cppn_finalize (MdkTask *task)
{
  CppnData *data = task->priv;

  if (data == NULL)
    return;
  g_free (data->inputs);
  g_clear_pointer (&task->priv, g_free);
}

/**
 * mdk_task_cppn_image_fitness:
 * @values: @width × @height pixels of @channels values in [0, 1], row by
 *   row, channels interleaved
 * @width: the image's width
 * @height: its height
 * @channels: values per pixel
 *
 * The task's measure of how interesting an image is (see the top of
 * mdk-task-cppn.c): structure × contrast, in [0, 1]; 0 for a flat image.
 *
 * Returns: the fitness.
 */
double
mdk_task_cppn_image_fitness (const double *values,
                             guint         width,
                             guint         height,
                             guint         channels)
{
  gsize n_pixels = (gsize) width * height;
  gsize n_pairs = (gsize) (width - 1) * height + (gsize) width * (height - 1);
  double structure = 0.0, contrast = 0.0;
  double s;

  g_return_val_if_fail (values != NULL, 0.0);
  g_return_val_if_fail (width > 0 && height > 0 && channels > 0, 0.0);

  for (guint c = 0; c < channels; c++)
    {
      double sum = 0.0, sum2 = 0.0, diff = 0.0, mean;

      for (guint j = 0; j < height; j++)
        for (guint i = 0; i < width; i++)
          {
            double v = values[((gsize) j * width + i) * channels + c];

            sum += v;
            sum2 += v * v;
            if (i + 1 < width)
              diff += fabs (values[((gsize) j * width + i + 1) * channels + c] - v);
            if (j + 1 < height)
              diff += fabs (values[((gsize) (j + 1) * width + i) * channels + c] - v);
          }
      mean = sum / n_pixels;
      contrast += sqrt (MAX (0.0, sum2 / n_pixels - mean * mean));
      if (n_pairs > 0)
        structure += diff / n_pairs;
    }
  contrast /= channels;
  structure /= channels;

  s = structure / STRUCTURE_REFERENCE;
  return s * exp (1.0 - s) * MIN (1.0, 2.0 * contrast);
}

static void
cppn_evaluate (const MdkTask *task,
               MdkNetwork    *net,
               MdkRng        *rng,
               MdkEvalResult *result)
{
  const CppnData *data = task->priv;
  guint n = MDK_TASK_CPPN_FITNESS_SIZE;
  gsize n_values = (gsize) n * n * task->n_outputs;
  double *out;

  g_return_if_fail (mdk_network_get_n_inputs (net) == N_CPPN_INPUTS);
  g_return_if_fail (mdk_network_get_n_outputs (net) == task->n_outputs);

  out = mdk_network_get_scratch (net, n_values);
  mdk_network_activate_batch (net, data->inputs, n * n, out);
  clamp_values (out, n_values);
  result->fitness = mdk_task_cppn_image_fitness (out, n, n, task->n_outputs);
  result->solved = FALSE;
}

static gboolean
render_args_ok (const MdkTask *task,
                MdkNetwork    *net,
                guint          width,
                guint          height)
{
  return width > 0 && height > 0 &&
         width <= MAX_RENDER_SIDE && height <= MAX_RENDER_SIDE &&
         mdk_network_get_n_inputs (net) == N_CPPN_INPUTS &&
         mdk_network_get_n_outputs (net) == task->n_outputs;
}

/**
 * mdk_task_cppn_render_values:
 * @task: a task of class mdk_task_cppn_class
 * @net: a network with the task's shape (3 inputs, 1 or 3 outputs)
 * @width: the image's width in pixels
 * @height: its height
 * @values: (out caller-allocates): @width × @height × task->n_outputs
 *   doubles
 *
 * Draws the image of @net: row 0 at the top, channels interleaved, values
 * clamped to [0, 1] with NaN as 0.  Uses @net's scratch space, so it is
 * thread-safe for different networks.
 *
 * Returns: %FALSE, with @values untouched, when @net does not fit @task or
 *   a side is 0 or above 65536.
 */
gboolean
mdk_task_cppn_render_values (const MdkTask *task,
                             MdkNetwork    *net,
                             guint          width,
                             guint          height,
                             double        *values)
{
  guint chunk;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_cppn_class, FALSE);
  g_return_val_if_fail (net != NULL && values != NULL, FALSE);

  if (!render_args_ok (task, net, width, height))
    return FALSE;

  chunk = MAX (1, BATCH_PIXELS / width);
  for (guint row0 = 0; row0 < height; row0 += chunk)
    {
      guint n_rows = MIN (chunk, height - row0);
      gsize n_pixels = (gsize) n_rows * width;
      double *inputs = mdk_network_get_scratch (net, n_pixels * N_CPPN_INPUTS);
      double *out = values + (gsize) row0 * width * task->n_outputs;

      sample_rows (width, height, row0, n_rows, inputs);
      mdk_network_activate_batch (net, inputs, n_pixels, out);
      clamp_values (out, n_pixels * task->n_outputs);
    }
  return TRUE;
}

/**
 * mdk_task_cppn_render:
 * @task: a task of class mdk_task_cppn_class
 * @net: a network with the task's shape (3 inputs, 1 or 3 outputs)
 * @width: the image's width in pixels, e.g. of a PNG to export
 * @height: its height
 * @rgb: (out caller-allocates): @width × @height × 3 bytes
 *
 * Draws the image of @net as 8-bit RGB, row 0 at the top, with no padding
 * between rows; a grey image has equal channels.  Each value v in [0, 1]
 * becomes round (255 v).  Memory use does not grow with the image: the
 * network sees a few thousand pixels at a time.
 *
 * Returns: %FALSE, with @rgb untouched, when @net does not fit @task or a
 *   side is 0 or above 65536.
 */
gboolean
mdk_task_cppn_render (const MdkTask *task,
                      MdkNetwork    *net,
                      guint          width,
                      guint          height,
                      guint8        *rgb)
{
  guint n_out, chunk;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_cppn_class, FALSE);
  g_return_val_if_fail (net != NULL && rgb != NULL, FALSE);

  if (!render_args_ok (task, net, width, height))
    return FALSE;

  n_out = task->n_outputs;
  chunk = MAX (1, BATCH_PIXELS / width);
  for (guint row0 = 0; row0 < height; row0 += chunk)
    {
      guint n_rows = MIN (chunk, height - row0);
      gsize n_pixels = (gsize) n_rows * width;
      double *inputs = mdk_network_get_scratch (net, n_pixels * (N_CPPN_INPUTS + n_out));
      double *out = inputs + n_pixels * N_CPPN_INPUTS;
      guint8 *dest = rgb + (gsize) row0 * width * 3;

      sample_rows (width, height, row0, n_rows, inputs);
      mdk_network_activate_batch (net, inputs, n_pixels, out);
      clamp_values (out, n_pixels * n_out);
      for (gsize p = 0; p < n_pixels; p++)
        for (guint c = 0; c < 3; c++)
          dest[3 * p + c] = (guint8) lround (255.0 * out[p * n_out + (n_out == 3 ? c : 0)]);
    }
  return TRUE;
}

/* The image at the chosen resolution. */
static MdkTrace *
cppn_trace (const MdkTask *task,
            MdkNetwork    *net)
{
  const MdkTaskCppnParams *params = task->params;
  guint side = (guint) params->resolution;
  MdkTrace *trace;

  trace = mdk_trace_new (MDK_TRACE_IMAGE);
  trace->width = trace->height = side;
  trace->n_outputs = task->n_outputs;
  trace->values = g_new (double, (gsize) side * side * task->n_outputs);
  if (!mdk_task_cppn_render_values (task, net, side, side, trace->values))
    {
      mdk_trace_unref (trace);
      return NULL;
    }
  return trace;
}

const MdkTaskClass mdk_task_cppn_class = {
  .id = "cppn",
  .label = N_("Pattern-producing network (image)"),
  .description = N_("Evolve images, as in Picbreeder: the network is asked for the colour of "
                    "every pixel, given its coordinates x and y from −1 to 1 and its distance "
                    "d from the centre (0 there, 1 in the corners). Hidden nodes with sine, "
                    "Gaussian, absolute value or tanh activations give repetition, symmetry "
                    "and soft shapes, so let NEAT mutate activation functions. Without a "
                    "person to choose, the fitness rewards contrast (the spread of the pixel "
                    "values) times structure (how much neighbouring pixels differ, best for "
                    "a few stripes or blobs across the image, lower for a flat image or for "
                    "noise), measured on a 32 × 32 image; it is between 0 and 1. The task is "
                    "never solved: stop by generations or by a fitness target."),
  .metric_label = NULL,
  .params = cppn_params,
  .n_params = G_N_ELEMENTS (cppn_params),
  .params_size = sizeof (MdkTaskCppnParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_SIGMOID,
  .init = cppn_init,
  .finalize = cppn_finalize,
  .evaluate = cppn_evaluate,
  .trace = cppn_trace,
};
