/* The Boolean multiplexer (Koza 1992, "Genetic Programming", ch. 7.4): k
 * address bits pick one of 2^k data bits, which is the output.  k = 2
 * gives the 6-multiplexer, k = 3 the 11-multiplexer.  Its fitness landscape
 * is known for plateaus that are left in phases, each learning one more
 * address.
 *
 * Inputs a0 … a(k−1), then d0 … d(2^k − 1), each 0 or 1; the address is
 * a0 + 2 a1 (+ 4 a2), so the output should be d[address].  Every one of the
 * 2^(k + 2^k) input rows is a case; row r sets input i to bit (n − 1 − i) of
 * r, so the rows count up in binary with a0 as the most significant column.
 * Fitness is 1 − the mean squared error over the cases, outputs clamped to
 * [0, 1]: SharpNEAT's multiplexer tasks found the squared error drives
 * evolution "significantly more efficiently" than the absolute error
 * (BinarySixMultiplexerEvaluator.cs).  A case is right when the output is on
 * the target's side of 0.5, and the task is solved when every case is
 * right. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

typedef enum
{
  SIZE_6,
  SIZE_11,
} MultiplexerSize;

typedef struct
{
  int size;
} MdkTaskMultiplexerParams;

typedef struct
{
  guint   n_rows;
  double *inputs;      /* n_rows × task->n_inputs */
  double *targets;     /* n_rows */
} MultiplexerData;

static const MdkParamChoice size_choices[] = {
  /* TRANSLATORS: the 6-input Boolean multiplexer (2 address bits, 4 data bits) */
  { "6", N_("6-multiplexer") },
  /* TRANSLATORS: the 11-input Boolean multiplexer (3 address bits, 8 data bits) */
  { "11", N_("11-multiplexer") },
  { NULL, NULL }
};

static const MdkParamSpec multiplexer_params[] = {
  {
    .id = "size",
    .label = N_("Size"),
    .group = N_("Multiplexer"),
    .help = N_("Two address bits and four data bits (64 cases), or three address bits and "
               "eight data bits (2,048 cases)."),
    .type = MDK_PARAM_CHOICE,
    .def = SIZE_6,
    .choices = size_choices,
    .offset = offsetof (MdkTaskMultiplexerParams, size),
  },
};

/* Medaka's NEAT rarely solves the 6-multiplexer: with its XOR defaults
 * none of 4 seeded runs did in 300 generations, nor with any of a dozen
 * single changes.  What helped, measured on seeds 1–5 over 3,000
 * generations (docs/benchmarks.md): keeping every species' champion, 10
 * species, weight perturbation ±1, and slow growth with pruning (add-node
 * 0.01, delete-connection 0.05), against the bloat these runs otherwise
 * show. */
static const MdkTaskSuggestion multiplexer_suggestions[] = {
  { "neat", "elitism_min_species_size", "0" },
  { "neat", "target_species", "10" },
  { "neat", "weight_perturb_power", "1" },
  { "neat", "add_node_rate", "0.01" },
  { "neat", "delete_connection_rate", "0.05" },
  { NULL, NULL, NULL }
};

static gboolean
multiplexer_init (MdkTask  *task,
                  GError  **error)
{
  const MdkTaskMultiplexerParams *params = task->params;
  guint k = params->size == SIZE_11 ? 3 : 2;
  guint n_data = 1u << k, n_in = k + n_data;
  MultiplexerData *d = g_new0 (MultiplexerData, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  static const char * const outputs[] = { "y" };

  for (guint i = 0; i < k; i++)
    g_ptr_array_add (names, g_strdup_printf ("a%u", i));
  for (guint i = 0; i < n_data; i++)
    g_ptr_array_add (names, g_strdup_printf ("d%u", i));

  d->n_rows = 1u << n_in;
  d->inputs = g_new (double, (gsize) d->n_rows * n_in);
  d->targets = g_new (double, d->n_rows);
  for (guint r = 0; r < d->n_rows; r++)
    {
      double *in = d->inputs + (gsize) r * n_in;
      guint address = 0;

      for (guint i = 0; i < n_in; i++)
        in[i] = (r >> (n_in - 1 - i)) & 1;
      for (guint i = 0; i < k; i++)
        address |= (guint) in[i] << i;
      d->targets[r] = in[k + address];
    }

  task->priv = d;
  mdk_task_set_names (task, (const char * const *) names->pdata, n_in, outputs, 1);
  return TRUE;
}

static void
multiplexer_finalize (MdkTask *task)
{
  MultiplexerData *d = task->priv;

  if (d == NULL)
    return;
  g_free (d->inputs);
  g_free (d->targets);
  g_clear_pointer (&task->priv, g_free);
}

static void
multiplexer_evaluate (const MdkTask *task,
                      MdkNetwork    *net,
                      MdkRng        *rng,
                      MdkEvalResult *result)
{
  const MultiplexerData *d = task->priv;
  double *out = mdk_network_get_scratch (net, d->n_rows);
  double error = 0.0;
  guint right = 0;

  mdk_network_activate_batch (net, d->inputs, d->n_rows, out);
  for (guint r = 0; r < d->n_rows; r++)
    {
      /* Outputs are clamped to [0, 1]; NaN is as wrong as can be. */
      double e = isnan (out[r]) ? 1.0 : CLAMP (out[r], 0.0, 1.0) - d->targets[r];

      error += e * e;
      if ((out[r] >= 0.5) == (d->targets[r] >= 0.5))
        right++;
    }
  result->fitness = 1.0 - error / d->n_rows;
  result->train_metric = (double) right / d->n_rows;
  result->solved = right == d->n_rows;
}

/* The whole truth table: inputs, output, target per row. */
static MdkTrace *
multiplexer_trace (const MdkTask *task,
                   MdkNetwork    *net)
{
  const MultiplexerData *d = task->priv;
  guint n_in = task->n_inputs, stride = n_in + 2;
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_TRUTH_TABLE);
  double *out = mdk_network_get_scratch (net, d->n_rows);

  mdk_network_activate_batch (net, d->inputs, d->n_rows, out);
  trace->n_rows = d->n_rows;
  trace->n_cols = n_in;
  trace->n_outputs = 1;
  trace->values = g_new (double, (gsize) d->n_rows * stride);
  for (guint r = 0; r < d->n_rows; r++)
    {
      double *row = trace->values + (gsize) r * stride;

      for (guint i = 0; i < n_in; i++)
        row[i] = d->inputs[(gsize) r * n_in + i];
      row[n_in] = out[r];
      row[n_in + 1] = d->targets[r];
    }
  trace->labels = g_new0 (char *, n_in + 2);
  for (guint i = 0; i < n_in; i++)
    trace->labels[i] = g_strdup (task->input_names[i]);
  trace->labels[n_in] = g_strdup (task->output_names[0]);
  return trace;
}

/* Backprop-NEAT: every case, as a probability of 1 (cross-entropy, as
 * for XOR). */
static gboolean
multiplexer_get_training_data (const MdkTask   *task,
                               MdkTrainingData *data)
{
  const MultiplexerData *d = task->priv;

  *data = (MdkTrainingData) {
    .n_rows = d->n_rows,
    .n_inputs = task->n_inputs,
    .n_outputs = 1,
    .inputs = d->inputs,
    .targets = d->targets,
    .loss = MDK_LOSS_CROSS_ENTROPY,
  };
  return TRUE;
}

const MdkTaskClass mdk_task_multiplexer_class = {
  .id = "multiplexer",
  .label = N_("Multiplexer"),
  .description = N_("The Boolean multiplexer (Koza, 1992): the address bits a0, a1 (and a2) "
                    "pick one of the data bits d0 … d3 (or d0 … d7), and the output must "
                    "copy it. The address is a0 + 2·a1 (+ 4·a2). Every combination of the "
                    "inputs is a case: 64 for the 6-multiplexer, 2,048 for the "
                    "11-multiplexer. Fitness is 1 − the mean squared error; the task is "
                    "solved when the output is on the right side of 0.5 in every case."),
  .metric_label = N_("Accuracy"),
  .params = multiplexer_params,
  .n_params = G_N_ELEMENTS (multiplexer_params),
  .params_size = sizeof (MdkTaskMultiplexerParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = multiplexer_init,
  .finalize = multiplexer_finalize,
  .evaluate = multiplexer_evaluate,
  .trace = multiplexer_trace,
  .get_training_data = multiplexer_get_training_data,
  .suggestions = multiplexer_suggestions,
};
