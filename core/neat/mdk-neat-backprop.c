/* Backprop-NEAT (see mdk-neat-backprop.h).
 *
 * The fitness of a trained network is the demo's (Ha 2016, datafit-neat.js,
 * fitnessFunc): −loss × (1 + a·√hidden nodes + b·√connections), the loss
 * being the mean training loss after the gradient steps, so that of two
 * networks that fit equally well the smaller wins. */
#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-backprop.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-neat.h"

G_DEFINE_QUARK (mdk-neat-backprop-error-quark, mdk_neat_backprop_error)

/* The gradient settings of @params, for @steps steps. */
void
mdk_neat_backprop_settings (const MdkNeatParams *params,
                            guint                steps,
                            MdkBackpropParams   *settings)
{
  *settings = (MdkBackpropParams) {
    .steps = steps,
    .batch_size = (guint) params->backprop_batch_size,
    .learning_rate = params->backprop_learning_rate,
    .method = params->backprop_method,
    .l2 = params->backprop_l2,
    /* Weights stay in the range NEAT keeps them in. */
    .max_weight = params->weight_max,
  };
}

double
mdk_neat_backprop_fitness (const MdkNeatParams *params,
                           double               loss,
                           guint                hidden,
                           guint                connections)
{
  return -loss * (1.0 + params->backprop_node_penalty * sqrt (hidden) +
                  params->backprop_connection_penalty * sqrt (connections));
}

/* Writes the weights and biases of @net, decoded from @genome and trained
 * since, back into @genome: the decoder added the enabled connections in
 * gene order, and node indices are positions in `nodes`. */
void
mdk_neat_genome_take_weights (MdkNeatGenome *genome,
                              MdkNetwork    *net)
{
  guint n_conns = mdk_network_get_n_connections (net), n_ops, e = 0;
  g_autofree guint32 *slots = g_new (guint32, MAX (n_conns, 1));
  const guint32 *src;
  double *weight;
  const MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);

  g_return_if_fail (genome->n_nodes == mdk_network_get_n_nodes (net));
  g_return_if_fail (mdk_neat_genome_count_enabled (genome) == n_conns);

  mdk_network_get_connection_slots (net, slots);
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].enabled)
      genome->conns[i].weight = weight[slots[e++]];
  for (guint k = 0; k < n_ops; k++)
    genome->nodes[ops[k].node].bias = ops[k].bias;
}

/* One genome of a generation: trained for backprop_steps when that is on
 * and the task has training data, then scored by the task (metrics,
 * solved) with the demo's fitness. */
void
mdk_neat_backprop_evaluate (const MdkNeatParams *params,
                            MdkNeatGenome       *genome,
                            MdkNetwork          *net,
                            const MdkTask       *task,
                            MdkRng              *rng,
                            MdkEvalResult       *result)
{
  MdkBackpropParams settings;
  MdkTrainingData data;
  double loss;

  mdk_neat_genome_decode (genome, net);
  if (params->backprop_steps == 0 || !mdk_task_get_training_data (task, &data))
    {
      mdk_task_evaluate (task, net, rng, result);
      return;
    }
  /* A loop has no gradient here, and the task's own fitness would not
   * compare with −loss: it counts as the worst of the generation, as a NaN
   * fitness does. */
  if (mdk_network_is_recurrent (net))
    {
      mdk_task_evaluate (task, net, rng, result);
      result->fitness = NAN;
      return;
    }

  mdk_neat_backprop_settings (params, params->backprop_steps, &settings);
  loss = mdk_backprop_train (net, &data, &settings, rng);
  if (params->backprop_inheritance == MDK_NEAT_INHERIT_LAMARCKIAN)
    mdk_neat_genome_take_weights (genome, net);
  mdk_task_evaluate (task, net, rng, result);
  result->fitness = mdk_neat_backprop_fitness (params, loss, mdk_network_get_n_hidden (net),
                                               mdk_network_get_n_connections (net));
}

/**
 * mdk_neat_backprop_genome:
 * @genome: trained in place
 * @task: the task whose training data it learns
 * @params: the learning settings (backprop_*) and the weight range
 * @steps: how many gradient steps
 * @rng: draws the minibatches
 * @loss_before: (out) (optional): the training loss before
 * @loss_after: (out) (optional): and after
 * @error: the reason when @genome cannot learn
 *
 * "Backprop more": more gradient steps for one genome, whatever the run's
 * backprop_steps and inheritance; the learned weights always go back into
 * @genome (which is unchanged on error).
 */
gboolean
mdk_neat_backprop_genome (MdkNeatGenome        *genome,
                          const MdkTask        *task,
                          const MdkNeatParams  *params,
                          guint                 steps,
                          MdkRng               *rng,
                          double               *loss_before,
                          double               *loss_after,
                          GError              **error)
{
  g_autoptr(MdkNetwork) net = NULL;
  MdkBackpropParams settings;
  MdkTrainingData data;
  double before, after;

  if (!mdk_neat_check_genome (params, task->n_inputs, task->n_outputs, genome, error))
    return FALSE;
  if (!mdk_task_get_training_data (task, &data))
    {
      g_set_error (error, MDK_NEAT_BACKPROP_ERROR, MDK_NEAT_BACKPROP_ERROR_NO_DATA,
                   _("The task “%s” has no training data for backprop to learn from"),
                   _(task->klass->label));
      return FALSE;
    }
  net = mdk_network_new ();
  mdk_neat_genome_decode (genome, net);
  if (mdk_network_is_recurrent (net))
    {
      g_set_error_literal (error, MDK_NEAT_BACKPROP_ERROR, MDK_NEAT_BACKPROP_ERROR_RECURRENT,
                           _("Backprop needs a feed-forward network, and this one has a loop"));
      return FALSE;
    }

  mdk_neat_backprop_settings (params, steps, &settings);
  before = mdk_backprop_loss (net, &data);
  after = mdk_backprop_train (net, &data, &settings, rng);
  mdk_neat_genome_take_weights (genome, net);
  if (loss_before != NULL)
    *loss_before = before;
  if (loss_after != NULL)
    *loss_after = after;
  return TRUE;
}
