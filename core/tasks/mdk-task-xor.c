/* XOR exactly as in Stanley & Miikkulainen (2002) and the reference NEAT code:
 * inputs bias = 1, x1, x2; one output; fitness (4 − Σ|error|)²; solved when
 * every output is on the right side of 0.5. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  int unused;
} MdkTaskXorParams;

static const double xor_inputs[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
static const double xor_targets[4] = { 0, 1, 1, 0 };

static gboolean
xor_init (MdkTask  *task,
          GError  **error)
{
  static const char * const inputs[] = { "x1", "x2" };
  static const char * const outputs[] = { "y" };

  mdk_task_set_names (task, inputs, 2, outputs, 1);
  return TRUE;
}

static void
xor_evaluate (const MdkTask *task,
              MdkNetwork    *net,
              MdkRng        *rng,
              MdkEvalResult *result)
{
  double out[4];
  double error = 0.0;
  guint correct = 0;

  mdk_network_activate_batch (net, &xor_inputs[0][0], 4, out);
  for (guint i = 0; i < 4; i++)
    {
      error += fabs (out[i] - xor_targets[i]);
      if ((out[i] >= 0.5) == (xor_targets[i] >= 0.5))
        correct++;
    }
  result->fitness = (4.0 - error) * (4.0 - error);
  result->train_metric = correct / 4.0;
  result->solved = correct == 4;
}

/* The truth table: inputs, the network's output and the target. */
static MdkTrace *
xor_trace (const MdkTask *task,
           MdkNetwork    *net)
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_TRUTH_TABLE);
  double out[4];

  mdk_network_activate_batch (net, &xor_inputs[0][0], 4, out);
  trace->n_rows = 4;
  trace->n_cols = 2;
  trace->n_outputs = 1;
  trace->values = g_new (double, 4 * 4);
  for (guint i = 0; i < 4; i++)
    {
      trace->values[4 * i] = xor_inputs[i][0];
      trace->values[4 * i + 1] = xor_inputs[i][1];
      trace->values[4 * i + 2] = out[i];
      trace->values[4 * i + 3] = xor_targets[i];
    }
  return trace;
}

/* The four rows, as a probability of 1: binary cross-entropy. */
static gboolean
xor_get_training_data (const MdkTask   *task,
                       MdkTrainingData *data)
{
  *data = (MdkTrainingData) {
    .n_rows = 4,
    .n_inputs = 2,
    .n_outputs = 1,
    .inputs = &xor_inputs[0][0],
    .targets = xor_targets,
    .loss = MDK_LOSS_CROSS_ENTROPY,
  };
  return TRUE;
}

const MdkTaskClass mdk_task_xor_class = {
  .id = "xor",
  .label = N_("XOR"),
  .description = N_("The exclusive-or of two binary inputs, the classic first test of NEAT "
                    "(Stanley & Miikkulainen, 2002). A network without hidden nodes cannot "
                    "solve it: evolution has to add at least one hidden node. Fitness is "
                    "(4 − total error)²; the task is solved when all four outputs are on the "
                    "right side of 0.5."),
  .metric_label = N_("Accuracy"),
  .params = NULL,
  .n_params = 0,
  .params_size = sizeof (MdkTaskXorParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = xor_init,
  .evaluate = xor_evaluate,
  .trace = xor_trace,
  .get_training_data = xor_get_training_data,
};
