/* Two-class classification of points in the plane, in the spirit of the
 * TensorFlow Playground (Smilkov & Carter, 2016) and the "backprop NEAT"
 * demo (Ha, 2016): a circle inside a ring, XOR quadrants, two Gaussian blobs,
 * two interleaved spirals, or points painted by hand.  The network sees a few
 * features of a point and its single output is the probability of class 1.
 *
 * Painted points ("custom") come from the custom_points parameter, a string
 * "x,y,c;x,y,c;…" that the behaviour view appends to with
 * mdk_task_classify_add_point().  They are all training points: the user
 * painted what the network should learn, and a random hold-out of a few
 * dozen hand-placed points would mostly leave holes in the picture.  The
 * test metric is then NAN, as for any task without test data; points, noise,
 * train_fraction and data_seed do not apply.
 *
 * The data comes from its own MdkRng seeded with data_seed, so it is the same
 * for every run seed and every evaluation; the task is read-only after init,
 * and evaluation only writes into the network's own scratch space. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task-classify.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

/* The data lies within this radius of the origin (before noise), leaving a
 * margin inside the ±MDK_TASK_CLASSIFY_EXTENT plotting area. */
#define DATA_RADIUS 5.0

/* Probabilities are clamped before taking logs so that one confident wrong
 * answer costs a lot but never infinitely much. */
#define LOG_LOSS_EPSILON 1e-7

typedef enum
{
  DATASET_CIRCLE,
  DATASET_XOR,
  DATASET_GAUSSIANS,
  DATASET_SPIRALS,
  DATASET_CUSTOM,
} Dataset;

typedef enum
{
  SPACING_RANDOM,
  SPACING_EVEN,
} Spacing;

typedef enum
{
  FITNESS_ACCURACY,
  FITNESS_LOG_LOSS,
} FitnessMode;

typedef enum
{
  FEATURE_X,
  FEATURE_Y,
  FEATURE_X2,
  FEATURE_Y2,
  FEATURE_XY,
  FEATURE_SIN_X,
  FEATURE_SIN_Y,
  N_FEATURES
} Feature;

/* Input names are symbols, the same in every language. */
static const char * const feature_names[N_FEATURES] = {
  "x", "y", "x²", "y²", "xy", "sin x", "sin y",
};

typedef struct
{
  int      dataset;
  int      points;
  int      spacing;
  double   noise;
  double   train_fraction;
  int      data_seed;
  gboolean features[N_FEATURES];
  int      fitness;
  double   node_penalty;
  double   connection_penalty;
  double   solve_accuracy;
  char    *custom_points;
} MdkTaskClassifyParams;

typedef struct
{
  guint    n_train;
  guint    n_test;
  guint    n_inputs;
  Feature  inputs[N_FEATURES];  /* the enabled features, in input order */
  /* All three arrays hold the training points first, then the test points. */
  double  *xy;                  /* 2 per point: x, y */
  guint8  *labels;              /* 0 or 1 per point */
  double  *features;            /* n_inputs per point, row-major */
  double  *targets;             /* the labels as numbers, for gradient training */
} ClassifyData;

static const MdkParamChoice dataset_choices[] = {
  { "circle", N_("Circle") },
  { "xor", N_("XOR") },
  { "gaussians", N_("Two Gaussians") },
  { "spirals", N_("Two spirals") },
  { "custom", N_("Painted by hand") },
  { NULL, NULL }
};

static const MdkParamChoice spacing_choices[] = {
  { "random", N_("At random") },
  { "even", N_("Evenly spaced") },
  { NULL, NULL }
};

static const MdkParamChoice fitness_choices[] = {
  { "accuracy", N_("Accuracy") },
  { "log-loss", N_("Log-loss") },
  { NULL, NULL }
};

#define FEATURE_PARAM(fid, flabel, fhelp, feature, fdef) \
  { \
    .id = fid, \
    .label = flabel, \
    .group = N_("Inputs"), \
    .help = fhelp, \
    .type = MDK_PARAM_BOOL, \
    .min = 0, \
    .max = 1, \
    .def = fdef, \
    .offset = offsetof (MdkTaskClassifyParams, features[feature]), \
  }

static const MdkParamSpec classify_params[] = {
  {
    .id = "dataset",
    .label = N_("Dataset"),
    .group = N_("Data"),
    .help = N_("The shape of the two classes: a disc inside a ring, the four quadrants of "
               "the plane (class 1 where x and y have the same sign), two Gaussian blobs, "
               "two interleaved spirals, or the points painted by hand on the decision "
               "boundary view."),
    .type = MDK_PARAM_CHOICE,
    .def = DATASET_CIRCLE,
    .choices = dataset_choices,
    .offset = offsetof (MdkTaskClassifyParams, dataset),
  },
  {
    .id = "points",
    .label = N_("Points"),
    .group = N_("Data"),
    .help = N_("How many points to generate in all, training and test together, half of "
               "them in each class."),
    .type = MDK_PARAM_INT,
    .min = 10,
    .max = 10000,
    .def = 200,
    .offset = offsetof (MdkTaskClassifyParams, points),
  },
  {
    .id = "spacing",
    .label = N_("Points along the spirals"),
    .group = N_("Data"),
    .help = N_("Where the points of the two spirals lie along them: drawn at random, or "
               "evenly spaced from the centre outwards, as the TensorFlow Playground and "
               "the backprop NEAT demo draw them. Evenly spaced, the training points and "
               "the test points are two separate sets, each spread over the whole length "
               "of the spirals. The other datasets always draw their points at random."),
    .type = MDK_PARAM_CHOICE,
    .def = SPACING_RANDOM,
    .choices = spacing_choices,
    .offset = offsetof (MdkTaskClassifyParams, spacing),
  },
  {
    .id = "noise",
    .label = N_("Noise"),
    .group = N_("Data"),
    .help = N_("How far each point is moved at random along each axis, as a fraction of "
               "the radius of the data. With more noise the classes overlap."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 1.0,
    .def = 0.1,
    .offset = offsetof (MdkTaskClassifyParams, noise),
  },
  {
    .id = "train_fraction",
    .label = N_("Training fraction"),
    .group = N_("Data"),
    .help = N_("The fraction of the points used for training. The others are test points: "
               "they never affect the fitness and only show how well the network "
               "generalises."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.1,
    .max = 0.9,
    .def = 0.5,
    .offset = offsetof (MdkTaskClassifyParams, train_fraction),
  },
  {
    .id = "data_seed",
    .label = N_("Data seed"),
    .group = N_("Data"),
    .help = N_("The seed of the random numbers that generate the points. It is separate "
               "from the run's seed, so runs with different seeds see the same data."),
    .type = MDK_PARAM_INT,
    .min = 0,
    .max = G_MAXINT,
    .def = 1,
    .offset = offsetof (MdkTaskClassifyParams, data_seed),
  },
  {
    .id = "custom_points",
    .label = N_("Painted points"),
    .group = N_("Data"),
    .help = N_("The points of the dataset painted by hand, all used for training: "
               "“x,y,class” for each point, separated by semicolons, with x and y from "
               "−6 to 6 and the class 0 or 1, e.g. “-2.5,1,0;3,0.5,1”. On the decision "
               "boundary view, a click adds a point of class 1 and a right click (or "
               "Shift and click) one of class 0. At least two points are needed, and both "
               "classes."),
    .type = MDK_PARAM_STRING,
    .def_str = "",
    .offset = offsetof (MdkTaskClassifyParams, custom_points),
  },
  FEATURE_PARAM ("feature_x", N_("x coordinate"),
                 N_("Give the network x / 6, the horizontal coordinate scaled to about "
                    "−1 … 1."),
                 FEATURE_X, TRUE),
  FEATURE_PARAM ("feature_y", N_("y coordinate"),
                 N_("Give the network y / 6, the vertical coordinate scaled to about "
                    "−1 … 1."),
                 FEATURE_Y, TRUE),
  FEATURE_PARAM ("feature_x2", N_("x squared"),
                 N_("Give the network (x / 6)². With both squares, a network without "
                    "hidden nodes can separate the circle."),
                 FEATURE_X2, FALSE),
  FEATURE_PARAM ("feature_y2", N_("y squared"),
                 N_("Give the network (y / 6)²."),
                 FEATURE_Y2, FALSE),
  FEATURE_PARAM ("feature_xy", N_("Product xy"),
                 N_("Give the network (x / 6) × (y / 6). With it, a network without hidden "
                    "nodes can separate the XOR quadrants."),
                 FEATURE_XY, FALSE),
  FEATURE_PARAM ("feature_sin_x", N_("Sine of x"),
                 N_("Give the network sin x, of the unscaled coordinate, so that it goes "
                    "through about two periods across the area."),
                 FEATURE_SIN_X, FALSE),
  FEATURE_PARAM ("feature_sin_y", N_("Sine of y"),
                 N_("Give the network sin y, of the unscaled coordinate."),
                 FEATURE_SIN_Y, FALSE),
  {
    .id = "fitness",
    .label = N_("Fitness"),
    .group = N_("Fitness"),
    .help = N_("Accuracy is the fraction of training points classified correctly (an "
               "output of 0.5 or more means class 1). Log-loss gives 1 / (1 + the mean "
               "binary cross-entropy), which also rewards confident right answers and so "
               "changes more smoothly."),
    .type = MDK_PARAM_CHOICE,
    .def = FITNESS_ACCURACY,
    .choices = fitness_choices,
    .offset = offsetof (MdkTaskClassifyParams, fitness),
  },
  {
    .id = "node_penalty",
    .label = N_("Hidden node penalty"),
    .group = N_("Fitness"),
    .help = N_("Subtracted from the fitness for every hidden node, to favour small "
               "networks."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 1.0,
    .def = 0.0,
    .offset = offsetof (MdkTaskClassifyParams, node_penalty),
  },
  {
    .id = "connection_penalty",
    .label = N_("Connection penalty"),
    .group = N_("Fitness"),
    .help = N_("Subtracted from the fitness for every connection, to favour sparse "
               "networks."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 1.0,
    .def = 0.0,
    .offset = offsetof (MdkTaskClassifyParams, connection_penalty),
  },
  {
    .id = "solve_accuracy",
    .label = N_("Target accuracy"),
    .group = N_("Fitness"),
    .help = N_("The task counts as solved when the accuracy on the training points "
               "reaches this value."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.5,
    .max = 1.0,
    .def = 0.98,
    .offset = offsetof (MdkTaskClassifyParams, solve_accuracy),
  },
};

#undef FEATURE_PARAM

/* The coordinates are divided by MDK_TASK_CLASSIFY_EXTENT so that the
 * network's inputs are in about [−1, 1], like its weights.  The sines take
 * the raw coordinate: sin (x / 6) would be almost linear over the area, while
 * sin x goes through about two periods and so adds something new. */
static double
feature_value (Feature f,
               double  x,
               double  y)
{
  double u = x / MDK_TASK_CLASSIFY_EXTENT;
  double v = y / MDK_TASK_CLASSIFY_EXTENT;

  switch (f)
    {
    case FEATURE_X:
      return u;
    case FEATURE_Y:
      return v;
    case FEATURE_X2:
      return u * u;
    case FEATURE_Y2:
      return v * v;
    case FEATURE_XY:
      return u * v;
    case FEATURE_SIN_X:
      return sin (x);
    case FEATURE_SIN_Y:
      return sin (y);
    case N_FEATURES:
    default:
      g_return_val_if_reached (0.0);
    }
}

static void
compute_features (const ClassifyData *data,
                  double              x,
                  double              y,
                  double             *features)
{
  for (guint i = 0; i < data->n_inputs; i++)
    features[i] = feature_value (data->inputs[i], x, y);
}

/* One clean point of class @label (before noise).  @position, from 0 to 1,
 * places a spiral's point along it; a negative one draws it at random. */
static void
generate_point (Dataset  dataset,
                guint8   label,
                double   position,
                MdkRng  *rng,
                double  *x,
                double  *y)
{
  switch (dataset)
    {
    case DATASET_CIRCLE:
      {
        /* Class 1 fills the disc r < R/2, class 0 the ring 0.7 R … R; radii
         * are drawn so that points are uniform over the area. */
        double angle = mdk_rng_range (rng, 0.0, 2.0 * G_PI);
        double r_in = label ? 0.0 : 0.7 * DATA_RADIUS;
        double r_out = label ? 0.5 * DATA_RADIUS : DATA_RADIUS;
        double r = sqrt (mdk_rng_range (rng, r_in * r_in, r_out * r_out));

        *x = r * cos (angle);
        *y = r * sin (angle);
        break;
      }

    case DATASET_XOR:
      {
        /* Class 1 where x and y have the same sign; points keep a margin
         * of R/10 from the axes so that the quadrants are separable. */
        double margin = 0.1 * DATA_RADIUS;
        double sx = mdk_rng_chance (rng, 0.5) ? 1.0 : -1.0;
        double sy = label ? sx : -sx;

        *x = sx * mdk_rng_range (rng, margin, DATA_RADIUS);
        *y = sy * mdk_rng_range (rng, margin, DATA_RADIUS);
        break;
      }

    case DATASET_GAUSSIANS:
      {
        /* Blobs of standard deviation 1 around (2, 2) and (−2, −2), whose
         * centres are 2.8 standard deviations from the boundary x + y = 0. */
        double centre = label ? 2.0 : -2.0;

        *x = centre + mdk_rng_gaussian (rng);
        *y = centre + mdk_rng_gaussian (rng);
        break;
      }

    case DATASET_SPIRALS:
      {
        /* Archimedean spirals r = R t, θ = 3.5 π t for t in [0, 1], the
         * second turned by π. */
        double t = position >= 0.0 ? position : mdk_rng_uniform (rng);
        double r = DATA_RADIUS * t;
        double angle = 3.5 * G_PI * t + (label ? 0.0 : G_PI);

        *x = r * cos (angle);
        *y = r * sin (angle);
        break;
      }

    default:
      *x = *y = 0.0;
      g_warn_if_reached ();
    }
}

/* One coordinate of a painted point, or FALSE with @error set. */
static gboolean
parse_coordinate (const char  *text,
                  guint        index,
                  double      *value,
                  GError     **error)
{
  char *end = NULL;
  double v;

  if (text[0] == '\0')
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                   /* TRANSLATORS: %u is the point's position in the list (1, 2, …) */
                   _("Painted point %u: a coordinate is missing"), index);
      return FALSE;
    }
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                   /* TRANSLATORS: %u is the point's position in the list (1, 2, …),
                    * %s the text found where a number was expected */
                   _("Painted point %u: “%s” is not a number"), index, text);
      return FALSE;
    }
  if (v < -MDK_TASK_CLASSIFY_EXTENT || v > MDK_TASK_CLASSIFY_EXTENT)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                   /* TRANSLATORS: %u is the point's position in the list (1, 2, …),
                    * %s the coordinate as written, then the range, e.g. "−6 … 6" */
                   _("Painted point %u: the coordinate %s is outside the area, which "
                     "goes from %g to %g"),
                   index, text, -MDK_TASK_CLASSIFY_EXTENT, MDK_TASK_CLASSIFY_EXTENT);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

/* Parses custom_points, "x,y,c;x,y,c;…", into @xy (double pairs) and
 * @labels (guint8).  Blanks around values and empty entries (a trailing
 * semicolon) are allowed; points are counted from 1 in messages, as the
 * user sees them in the text. */
static gboolean
parse_custom_points (const char  *text,
                     GArray      *xy,
                     GArray      *labels,
                     GError     **error)
{
  g_auto(GStrv) entries = g_strsplit (text != NULL ? text : "", ";", -1);
  guint n_class[2] = { 0, 0 };
  guint index = 0;

  for (guint e = 0; entries[e] != NULL; e++)
    {
      g_auto(GStrv) fields = NULL;
      guint n_fields;
      double x, y;
      guint8 label;

      g_strstrip (entries[e]);
      if (entries[e][0] == '\0')
        continue;
      index++;

      fields = g_strsplit (entries[e], ",", -1);
      n_fields = g_strv_length (fields);
      for (guint f = 0; f < n_fields; f++)
        g_strstrip (fields[f]);
      if (n_fields != 3)
        {
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                       /* TRANSLATORS: %u is the point's position in the list (1, 2, …),
                        * %s the point as written */
                       _("Painted point %u, “%s”, does not have the form x,y,class "
                         "(e.g. “1.5,-2,0”)"),
                       index, entries[e]);
          return FALSE;
        }
      if (!parse_coordinate (fields[0], index, &x, error) ||
          !parse_coordinate (fields[1], index, &y, error))
        return FALSE;
      if (g_strcmp0 (fields[2], "0") == 0)
        label = 0;
      else if (g_strcmp0 (fields[2], "1") == 0)
        label = 1;
      else
        {
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                       /* TRANSLATORS: %u is the point's position in the list (1, 2, …),
                        * %s the class as written */
                       _("Painted point %u: the class is “%s”, but it must be 0 or 1"),
                       index, fields[2]);
          return FALSE;
        }

      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
      g_array_append_val (labels, label);
      n_class[label]++;
    }

  if (index == 0)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                           _("No points have been painted yet: paint at least one point "
                             "of each class"));
      return FALSE;
    }
  if (index == 1)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                           _("Only one point has been painted: paint at least one point "
                             "of each class"));
      return FALSE;
    }
  if (n_class[0] == 0 || n_class[1] == 0)
    {
      guint only = n_class[0] == 0 ? 1 : 0;

      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                   /* TRANSLATORS: the first %u is a number of points (always 2 or
                    * more), the second the class they are all in, 0 or 1 */
                   g_dngettext (GETTEXT_PACKAGE,
                                "All %u painted points are in class %u: paint at least "
                                "one point of the other class",
                                "All %u painted points are in class %u: paint at least "
                                "one point of the other class",
                                index),
                   index, only);
      return FALSE;
    }
  return TRUE;
}

/* The labels as the targets of gradient training. */
static void
set_targets (ClassifyData *data)
{
  guint n = data->n_train + data->n_test;

  data->targets = g_new (double, n);
  for (guint i = 0; i < n; i++)
    data->targets[i] = data->labels[i];
}

static gboolean
classify_init (MdkTask  *task,
               GError  **error)
{
  const MdkTaskClassifyParams *params = task->params;
  static const char * const outputs[] = { "p" };
  const char *inputs[N_FEATURES];
  ClassifyData *data;
  guint n_points = (guint) params->points;
  double jitter = params->noise * DATA_RADIUS;
  MdkRng rng;

  data = g_new0 (ClassifyData, 1);
  task->priv = data;

  for (guint f = 0; f < N_FEATURES; f++)
    if (params->features[f])
      {
        inputs[data->n_inputs] = feature_names[f];
        data->inputs[data->n_inputs++] = f;
      }
  if (data->n_inputs == 0)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                           _("No input feature is enabled: turn on at least one of "
                             "feature_x, feature_y, feature_x2, feature_y2, feature_xy, "
                             "feature_sin_x or feature_sin_y"));
      return FALSE;
    }

  if (params->dataset == DATASET_CUSTOM)
    {
      g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (guint8));

      if (!parse_custom_points (params->custom_points, xy, labels, error))
        return FALSE;

      /* Every painted point is a training point (see the top of the file). */
      n_points = labels->len;
      data->n_train = n_points;
      data->n_test = 0;
      data->xy = (double *) g_array_free (g_steal_pointer (&xy), FALSE);
      data->labels = (guint8 *) g_array_free (g_steal_pointer (&labels), FALSE);
      data->features = g_new (double, (gsize) n_points * data->n_inputs);
      for (guint i = 0; i < n_points; i++)
        compute_features (data, data->xy[2 * i], data->xy[2 * i + 1],
                          data->features + (gsize) i * data->n_inputs);
      set_targets (data);
      mdk_task_set_names (task, inputs, data->n_inputs, outputs, 1);
      return TRUE;
    }

  /* Both sets are kept non-empty whatever the fraction rounds to. */
  data->n_train = (guint) CLAMP (round (n_points * params->train_fraction),
                                 1, n_points - 1);
  data->n_test = n_points - data->n_train;

  data->xy = g_new (double, 2 * (gsize) n_points);
  data->labels = g_new (guint8, n_points);
  data->features = g_new (double, (gsize) n_points * data->n_inputs);

  /* Classes alternate 0, 1, 0, 1 …: the points are independent draws, so
   * taking the first n_train for training is a random split in which both
   * sets are balanced to within one point.  Evenly spaced spirals place
   * the k-th of a set's n points of a class at k / n along its spiral, as
   * the demo does (Ha 2016, datafit-neat.js: r = i / n × 6), so that
   * each set covers the whole of both spirals; the jitter of the two sets
   * is independent. */
  mdk_rng_init (&rng, (guint64) params->data_seed);
  for (guint i = 0; i < n_points; i++)
    {
      guint8 label = i % 2;
      double position = -1.0;
      double x, y;

      if (params->dataset == DATASET_SPIRALS && params->spacing == SPACING_EVEN)
        {
          gboolean test = i >= data->n_train;
          guint first = test ? data->n_train : 0;
          guint size = test ? data->n_test : data->n_train;
          /* Of the set's points, those of this class are at every other
           * index, starting at first or first + 1. */
          guint start = first + ((first % 2) != label);
          guint in_class = (first + size - start + 1) / 2;

          position = (double) ((i - start) / 2) / in_class;
        }
      generate_point (params->dataset, label, position, &rng, &x, &y);
      /* The label stays that of the clean point, so noise makes classes
       * overlap rather than move the boundary. */
      x += jitter * mdk_rng_range (&rng, -1.0, 1.0);
      y += jitter * mdk_rng_range (&rng, -1.0, 1.0);

      data->xy[2 * i] = x;
      data->xy[2 * i + 1] = y;
      data->labels[i] = label;
      compute_features (data, x, y, data->features + (gsize) i * data->n_inputs);
    }

  set_targets (data);
  mdk_task_set_names (task, inputs, data->n_inputs, outputs, 1);
  return TRUE;
}

static void
classify_finalize (MdkTask *task)
{
  ClassifyData *data = task->priv;

  if (data == NULL)
    return;
  g_free (data->xy);
  g_free (data->labels);
  g_free (data->features);
  g_free (data->targets);
  g_clear_pointer (&task->priv, g_free);
}

/* The network's output as a probability of class 1.  NaN counts as the
 * worst possible answer, so that a broken network gets a finite, low
 * fitness. */
static inline double
output_probability (double  output,
                    guint8  label)
{
  if (isnan (output))
    return label ? 0.0 : 1.0;
  return CLAMP (output, 0.0, 1.0);
}

static void
classify_evaluate (const MdkTask *task,
                   MdkNetwork    *net,
                   MdkRng        *rng,
                   MdkEvalResult *result)
{
  const MdkTaskClassifyParams *params = task->params;
  const ClassifyData *data = task->priv;
  guint n_points = data->n_train + data->n_test;
  guint train_correct = 0;
  guint test_correct = 0;
  double loss = 0.0;
  double train_accuracy;
  double fitness;
  double *out;

  g_return_if_fail (mdk_network_get_n_inputs (net) == data->n_inputs);
  g_return_if_fail (mdk_network_get_n_outputs (net) == 1);

  out = mdk_network_get_scratch (net, n_points);
  mdk_network_activate_batch (net, data->features, n_points, out);

  for (guint i = 0; i < n_points; i++)
    {
      guint8 label = data->labels[i];
      double p = output_probability (out[i], label);
      gboolean correct = (p >= 0.5) == (label == 1);

      if (i >= data->n_train)
        {
          test_correct += correct;
          continue;
        }
      train_correct += correct;
      if (params->fitness == FITNESS_LOG_LOSS)
        {
          double q = CLAMP (p, LOG_LOSS_EPSILON, 1.0 - LOG_LOSS_EPSILON);
          loss -= label ? log (q) : log (1.0 - q);
        }
    }

  train_accuracy = (double) train_correct / data->n_train;
  if (params->fitness == FITNESS_LOG_LOSS)
    fitness = 1.0 / (1.0 + loss / data->n_train);
  else
    fitness = train_accuracy;
  fitness -= params->node_penalty * mdk_network_get_n_hidden (net);
  fitness -= params->connection_penalty * mdk_network_get_n_connections (net);

  result->fitness = fitness;
  result->train_metric = train_accuracy;
  /* Painted points are all for training: nothing to generalise to. */
  result->test_metric = data->n_test > 0 ? (double) test_correct / data->n_test : NAN;
  result->solved = train_accuracy >= params->solve_accuracy;
}

/**
 * mdk_task_classify_get_points:
 * @task: a task of class mdk_task_classify_class
 * @test: %TRUE for the test points, %FALSE for the training points
 * @xy: (out) (optional): the raw coordinates, x and y interleaved
 * @labels: (out) (optional): the classes, 0 or 1
 *
 * Returns: the number of points; the arrays belong to @task.
 */
guint
mdk_task_classify_get_points (const MdkTask  *task,
                              gboolean        test,
                              const double  **xy,
                              const guint8  **labels)
{
  const ClassifyData *data;
  guint first;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_classify_class, 0);

  data = task->priv;
  first = test ? data->n_train : 0;
  if (xy != NULL)
    *xy = data->xy + 2 * (gsize) first;
  if (labels != NULL)
    *labels = data->labels + first;
  return test ? data->n_test : data->n_train;
}

/**
 * mdk_task_classify_get_features:
 * @task: a task of class mdk_task_classify_class
 * @test: %TRUE for the test points, %FALSE for the training points
 * @features: (out): the network inputs, task->n_inputs per point, row-major
 *
 * Returns: the number of points; the array belongs to @task.
 */
guint
mdk_task_classify_get_features (const MdkTask  *task,
                                gboolean        test,
                                const double  **features)
{
  const ClassifyData *data;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_classify_class, 0);
  g_return_val_if_fail (features != NULL, 0);

  data = task->priv;
  *features = data->features + (gsize) (test ? data->n_train : 0) * data->n_inputs;
  return test ? data->n_test : data->n_train;
}

/**
 * mdk_task_classify_features:
 * @task: a task of class mdk_task_classify_class
 * @x: a raw x coordinate
 * @y: a raw y coordinate
 * @features: (out caller-allocates): task->n_inputs doubles
 *
 * Maps a point of the plane to the network's input vector, exactly as the
 * task does for its own points, e.g. to draw the decision boundary.
 */
void
mdk_task_classify_features (const MdkTask *task,
                            double         x,
                            double         y,
                            double        *features)
{
  g_return_if_fail (task != NULL && task->klass == &mdk_task_classify_class);
  g_return_if_fail (features != NULL);

  compute_features (task->priv, x, y, features);
}

/* Appends "x,y,c" to a custom_points value, after a separator if needed.
 * Coordinates are clamped to the area and rounded to 1/1000 (far finer than
 * a click), and written with a dot whatever the locale. */
static void
append_point (GString *s,
              double   x,
              double   y,
              guint    cls)
{
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len = s->len;

  x = CLAMP (x, -MDK_TASK_CLASSIFY_EXTENT, MDK_TASK_CLASSIFY_EXTENT);
  y = CLAMP (y, -MDK_TASK_CLASSIFY_EXTENT, MDK_TASK_CLASSIFY_EXTENT);
  /* + 0.0 turns −0 into 0, so that "-0" never appears. */
  x = round (x * 1000.0) / 1000.0 + 0.0;
  y = round (y * 1000.0) / 1000.0 + 0.0;

  /* One separator, whether or not the old value ends with one. */
  while (len > 0 && g_ascii_isspace (s->str[len - 1]))
    len--;
  g_string_truncate (s, len);
  if (len > 0 && s->str[len - 1] != ';')
    g_string_append_c (s, ';');
  g_string_append_printf (s, "%s,%s,%u",
                          mdk_format_double (bx, sizeof bx, x),
                          mdk_format_double (by, sizeof by, y),
                          cls);
}

/**
 * mdk_task_classify_add_point:
 * @points: (nullable): a custom_points value, "x,y,c;x,y,c;…", or %NULL
 * @x: the new point's x, clamped to ±MDK_TASK_CLASSIFY_EXTENT
 * @y: the new point's y, likewise
 * @cls: its class, 0 or 1
 *
 * Appends a point to a custom_points value.  Coordinates are rounded to
 * 1/1000 and written with a dot whatever the locale.  @points is not
 * checked: the task does that when it is created.
 *
 * Returns: (transfer full): the new value.
 */
char *
mdk_task_classify_add_point (const char *points,
                             double      x,
                             double      y,
                             guint       cls)
{
  GString *s;

  g_return_val_if_fail (cls <= 1, g_strdup (points != NULL ? points : ""));
  g_return_val_if_fail (isfinite (x) && isfinite (y), g_strdup (points != NULL ? points : ""));

  s = g_string_new (points);
  append_point (s, x, y, cls);
  return g_string_free (s, FALSE);
}

/**
 * mdk_task_classify_points_to_string:
 * @task: a task of class mdk_task_classify_class
 *
 * Writes every point of @task, training and test, as a custom_points
 * value: to start painting from the current dataset rather than from an
 * empty one.  Points are rounded and clamped as by
 * mdk_task_classify_add_point().
 *
 * Returns: (transfer full): the value; empty if @task has no points.
 */
char *
mdk_task_classify_points_to_string (const MdkTask *task)
{
  const ClassifyData *data;
  GString *s;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_classify_class, NULL);

  data = task->priv;
  s = g_string_sized_new (16 * (gsize) (data->n_train + data->n_test));
  for (guint i = 0; i < data->n_train + data->n_test; i++)
    append_point (s, data->xy[2 * i], data->xy[2 * i + 1], data->labels[i]);
  return g_string_free (s, FALSE);
}

/* The decision boundary: the network's output on a grid over the data's
 * area, and every point with its class and split. */
#define TRACE_GRID 64

static MdkTrace *
classify_trace (const MdkTask *task,
                MdkNetwork    *net)
{
  const ClassifyData *data = task->priv;
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_DECISION_GRID);
  guint n_points = data->n_train + data->n_test;
  double *features = mdk_network_get_scratch (net, (gsize) data->n_inputs + 1);

  trace->width = trace->height = TRACE_GRID;
  trace->x0 = trace->y0 = -MDK_TASK_CLASSIFY_EXTENT;
  trace->x1 = trace->y1 = MDK_TASK_CLASSIFY_EXTENT;
  trace->values = g_new (double, TRACE_GRID * TRACE_GRID);
  for (guint j = 0; j < TRACE_GRID; j++)
    for (guint i = 0; i < TRACE_GRID; i++)
      {
        double x = trace->x0 + (trace->x1 - trace->x0) * (i + 0.5) / TRACE_GRID;
        double y = trace->y0 + (trace->y1 - trace->y0) * (j + 0.5) / TRACE_GRID;
        double out;

        mdk_task_classify_features (task, x, y, features);
        if (mdk_network_is_recurrent (net))
          mdk_network_reset (net);
        mdk_network_activate (net, features, &out);
        trace->values[j * TRACE_GRID + i] = isnan (out) ? 0.5 : CLAMP (out, 0.0, 1.0);
      }

  trace->n_points = n_points;
  trace->points = g_new (double, 4 * (gsize) n_points);
  for (guint p = 0; p < n_points; p++)
    {
      trace->points[4 * p] = data->xy[2 * p];
      trace->points[4 * p + 1] = data->xy[2 * p + 1];
      trace->points[4 * p + 2] = data->labels[p];
      trace->points[4 * p + 3] = p >= data->n_train;
    }
  trace->n_classes = 2;
  return trace;
}

/* The training points; the output is the probability of class 1. */
static gboolean
classify_get_training_data (const MdkTask   *task,
                            MdkTrainingData *training)
{
  const ClassifyData *data = task->priv;

  *training = (MdkTrainingData) {
    .n_rows = data->n_train,
    .n_inputs = data->n_inputs,
    .n_outputs = 1,
    .inputs = data->features,
    .targets = data->targets,
    .loss = MDK_LOSS_CROSS_ENTROPY,
  };
  return TRUE;
}

const MdkTaskClass mdk_task_classify_class = {
  .id = "classify",
  .label = N_("Classification"),
  .description = N_("Tell two classes of points in the plane apart, as in the TensorFlow "
                    "Playground: a disc inside a ring, the four XOR quadrants, two Gaussian "
                    "blobs or two interleaved spirals. The network sees the chosen features "
                    "of a point (its coordinates, their squares, their product or their "
                    "sines) and its one output is the probability that the point is in "
                    "class 1. Fitness is the training accuracy, or 1 / (1 + log-loss), less "
                    "an optional penalty per hidden node and connection; the accuracy on "
                    "held-out test points shows how well the boundary generalises. The task "
                    "is solved when the training accuracy reaches the target. The Gaussians "
                    "need no hidden nodes; the circle and XOR need hidden nodes unless the "
                    "squares or the product are given as inputs; the spirals need several "
                    "hidden nodes or the sines."),
  .metric_label = N_("Accuracy"),
  .params = classify_params,
  .n_params = G_N_ELEMENTS (classify_params),
  .params_size = sizeof (MdkTaskClassifyParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = classify_init,
  .finalize = classify_finalize,
  .evaluate = classify_evaluate,
  .trace = classify_trace,
  .get_training_data = classify_get_training_data,
};
