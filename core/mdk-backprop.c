/* Backpropagation through a compiled network (see mdk-backprop.h).
 *
 * The forward pass keeps every node's sum and value for every row of the
 * batch, node-major as mdk_network_activate_batch () does; the backward pass
 * walks the ops in reverse order, turning each node's dL/d(value) into
 * dL/d(sum), the gradient of its bias and incoming weights, and the
 * contributions to its sources' dL/d(value).  Training is plain minibatch
 * gradient descent or Adam (Kingma & Ba 2015, with their defaults β1 = 0.9,
 * β2 = 0.999, ε = 1e-8). */
#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-backprop.h"

#include <math.h>
#include <string.h>

/* As the tasks clamp a probability before taking its log. */
#define PROBABILITY_EPSILON 1e-7

/* Steps between checks of the loss on all rows (the demo's 20). */
#define CHECK_INTERVAL 20

#define ADAM_BETA1 0.9
#define ADAM_BETA2 0.999
#define ADAM_EPSILON 1e-8

/* Per-node, per-row buffers of one batch (node-major). */
typedef struct
{
  double *sum;      /* before the activation */
  double *value;    /* after it */
  double *delta;    /* dL/d(value) */
  double *rowbuf;   /* dL/d(sum) of the node being processed */
  double *direct;   /* dL/d(sum) of a sigmoid output from the loss */
  gsize   cap;      /* nodes × rows the buffers hold */
  gsize   row_cap;
} Tape;

static void
tape_reserve (Tape  *tape,
              guint  n_nodes,
              guint  n_rows)
{
  gsize need = (gsize) n_nodes * n_rows;

  if (need > tape->cap)
    {
      tape->sum = g_renew (double, tape->sum, need);
      tape->value = g_renew (double, tape->value, need);
      tape->delta = g_renew (double, tape->delta, need);
      tape->cap = need;
    }
  if (n_rows > tape->row_cap)
    {
      tape->rowbuf = g_renew (double, tape->rowbuf, n_rows);
      tape->direct = g_renew (double, tape->direct, n_rows);
      tape->row_cap = n_rows;
    }
}

static void
tape_clear (Tape *tape)
{
  g_free (tape->sum);
  g_free (tape->value);
  g_free (tape->delta);
  g_free (tape->rowbuf);
  g_free (tape->direct);
}

guint
mdk_backprop_n_parameters (const MdkNetwork *net)
{
  return mdk_network_get_n_connections (net) + mdk_network_get_n_nodes (net) -
         mdk_network_get_n_inputs (net) - 1;
}

void
mdk_backprop_get_parameters (MdkNetwork *net,
                             double     *parameters)
{
  guint n_ops, n_conns = mdk_network_get_n_connections (net);
  const guint32 *src;
  double *weight;
  MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);

  memcpy (parameters, weight, sizeof (double) * n_conns);
  for (guint k = 0; k < n_ops; k++)
    parameters[n_conns + k] = ops[k].bias;
}

void
mdk_backprop_set_parameters (MdkNetwork   *net,
                             const double *parameters)
{
  guint n_ops, n_conns = mdk_network_get_n_connections (net);
  const guint32 *src;
  double *weight;
  MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);

  memcpy (weight, parameters, sizeof (double) * n_conns);
  for (guint k = 0; k < n_ops; k++)
    ops[k].bias = parameters[n_conns + k];
}

static gboolean
is_sigmoid (MdkActivation activation,
            double       *steepness)
{
  if (activation == MDK_ACTIVATION_SIGMOID)
    *steepness = 1.0;
  else if (activation == MDK_ACTIVATION_NEAT_SIGMOID)
    *steepness = 4.9;
  else
    return FALSE;
  return TRUE;
}

/* log (1 + e^x) without overflow. */
static double
softplus (double x)
{
  return x > 0.0 ? x + log1p (exp (-x)) : log1p (exp (x));
}

/* Forward pass over @rows (indices into @data, or all rows when NULL). */
static void
forward (MdkNetwork            *net,
         const MdkTrainingData *data,
         const guint           *rows,
         guint                  n_rows,
         Tape                  *tape)
{
  guint n_in = mdk_network_get_n_inputs (net), n_ops;
  const guint32 *src;
  double *weight;
  const MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);

  for (guint r = 0; r < n_rows; r++)
    {
      const double *in = data->inputs + (gsize) (rows ? rows[r] : r) * n_in;
      for (guint i = 0; i < n_in; i++)
        tape->value[(gsize) i * n_rows + r] = in[i];
      tape->value[(gsize) n_in * n_rows + r] = 1.0;
    }

  for (guint k = 0; k < n_ops; k++)
    {
      const MdkNetworkOp *op = &ops[k];
      double *sum = tape->sum + (gsize) op->node * n_rows;
      double *value = tape->value + (gsize) op->node * n_rows;

      for (guint r = 0; r < n_rows; r++)
        sum[r] = op->bias;
      for (guint32 c = op->first; c < op->last; c++)
        {
          const double *in = tape->value + (gsize) src[c] * n_rows;
          double w = weight[c];
          for (guint r = 0; r < n_rows; r++)
            sum[r] += w * in[r];
        }
      for (guint r = 0; r < n_rows; r++)
        value[r] = mdk_activation_apply_inline (op->activation, sum[r]);
    }
}

/* The activation of output @o. */
static MdkActivation
output_activation (MdkNetwork *net,
                   guint       o)
{
  guint node = mdk_network_get_n_inputs (net) + 1 + o, n_ops;
  const guint32 *src;
  double *weight;
  const MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);

  for (guint k = 0; k < n_ops; k++)
    if (ops[k].node == node)
      return ops[k].activation;
  g_return_val_if_reached (MDK_ACTIVATION_IDENTITY);
}

/* The loss of the batch summed over its rows and, when @want_delta,
 * d(loss)/d(value) of each output in the tape.  A sigmoid output under
 * binary cross-entropy is differentiated through its logit instead: its
 * d(loss)/d(sum) goes to @direct (one per row), which bypasses the
 * sigmoid's vanishing derivative. */
static double
output_loss (MdkNetwork            *net,
             const MdkTrainingData *data,
             const guint           *rows,
             guint                  n_rows,
             Tape                  *tape,
             gboolean               want_delta,
             double                *direct)
{
  guint n_in = mdk_network_get_n_inputs (net), n_out = mdk_network_get_n_outputs (net);
  gboolean binary = data->loss == MDK_LOSS_CROSS_ENTROPY && n_out == 1;
  double steepness = 1.0, total = 0.0;
  gboolean logit = binary && is_sigmoid (output_activation (net, 0), &steepness);

  for (guint r = 0; r < n_rows; r++)
    {
      const double *t = data->targets + (gsize) (rows ? rows[r] : r) * n_out;

      if (data->loss == MDK_LOSS_SQUARED_ERROR)
        for (guint o = 0; o < n_out; o++)
          {
            gsize at = (gsize) (n_in + 1 + o) * n_rows + r;
            double e = tape->value[at] - t[o];
            total += e * e / n_out;
            if (want_delta)
              tape->delta[at] = 2.0 * e / n_out;
          }
      else if (logit)
        {
          gsize at = (gsize) (n_in + 1) * n_rows + r;
          double z = steepness * tape->sum[at];

          total += t[0] * softplus (-z) + (1.0 - t[0]) * softplus (z);
          if (want_delta)
            direct[r] = steepness * (tape->value[at] - t[0]);
        }
      else if (binary)
        {
          gsize at = (gsize) (n_in + 1) * n_rows + r;
          double y = tape->value[at];
          double p = CLAMP (y, PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON);

          total -= t[0] * log (p) + (1.0 - t[0]) * log (1.0 - p);
          if (want_delta)
            tape->delta[at] = p == y ? (p - t[0]) / (p * (1.0 - p)) : 0.0;
        }
      else
        {
          /* Softmax, shifted by the largest output so that exp cannot
           * overflow. */
          double top = -INFINITY, z = 0.0;

          for (guint o = 0; o < n_out; o++)
            top = MAX (top, tape->value[(gsize) (n_in + 1 + o) * n_rows + r]);
          for (guint o = 0; o < n_out; o++)
            z += exp (tape->value[(gsize) (n_in + 1 + o) * n_rows + r] - top);
          for (guint o = 0; o < n_out; o++)
            {
              gsize at = (gsize) (n_in + 1 + o) * n_rows + r;
              double log_q = tape->value[at] - top - log (z);
              total -= t[o] * log_q;
              if (want_delta)
                tape->delta[at] = exp (log_q) - t[o];
            }
        }
    }
  return total;
}

/* The mean loss of the batch and, when @gradient is not NULL, its gradient
 * in the parameter layout. */
static double
loss_and_gradient (MdkNetwork            *net,
                   const MdkTrainingData *data,
                   const guint           *rows,
                   guint                  n_rows,
                   Tape                  *tape,
                   double                *gradient)
{
  guint n_nodes = mdk_network_get_n_nodes (net);
  guint out0 = mdk_network_get_n_inputs (net) + 1;
  guint n_conns = mdk_network_get_n_connections (net);
  guint n_ops;
  const guint32 *src;
  double *weight;
  const MdkNetworkOp *ops = mdk_network_get_program (net, &n_ops, &src, &weight);
  double total;

  tape_reserve (tape, n_nodes, n_rows);
  forward (net, data, rows, n_rows, tape);
  if (gradient == NULL)
    return output_loss (net, data, rows, n_rows, tape, FALSE, NULL) / n_rows;

  /* Hidden nodes and the inputs start with no sensitivity, outputs with
   * the loss's; all of it is for the sum over rows until divided below. */
  memset (tape->delta, 0, sizeof (double) * n_nodes * n_rows);
  memset (tape->direct, 0, sizeof (double) * n_rows);
  total = output_loss (net, data, rows, n_rows, tape, TRUE, tape->direct) / n_rows;

  for (guint k = n_ops; k > 0; k--)
    {
      const MdkNetworkOp *op = &ops[k - 1];
      const double *sum = tape->sum + (gsize) op->node * n_rows;
      const double *value = tape->value + (gsize) op->node * n_rows;
      const double *delta = tape->delta + (gsize) op->node * n_rows;
      double *g = tape->rowbuf;
      double bias_grad = 0.0;

      for (guint r = 0; r < n_rows; r++)
        g[r] = delta[r] * mdk_activation_derivative (op->activation, sum[r], value[r]);
      if (op->node == out0)
        for (guint r = 0; r < n_rows; r++)
          g[r] += tape->direct[r];

      for (guint r = 0; r < n_rows; r++)
        bias_grad += g[r];
      gradient[n_conns + k - 1] = bias_grad / n_rows;
      for (guint32 c = op->first; c < op->last; c++)
        {
          const double *in = tape->value + (gsize) src[c] * n_rows;
          double *in_delta = tape->delta + (gsize) src[c] * n_rows;
          double w = weight[c], wg = 0.0;

          for (guint r = 0; r < n_rows; r++)
            {
              wg += g[r] * in[r];
              in_delta[r] += g[r] * w;
            }
          gradient[c] = wg / n_rows;
        }
    }
  return total;
}

/**
 * mdk_backprop_gradient:
 * @net: a compiled feed-forward network
 * @data: the data, with the network's numbers of inputs and outputs
 * @rows: (nullable): the rows to use, indices into @data; %NULL for all
 * @n_rows: how many (ignored when @rows is %NULL)
 * @gradient: (out caller-allocates) (nullable): mdk_backprop_n_parameters ()
 *   doubles, the gradient of the mean loss in the parameter layout
 *
 * Returns: the mean loss over the rows, NAN for a recurrent network.
 */
double
mdk_backprop_gradient (MdkNetwork            *net,
                       const MdkTrainingData *data,
                       const guint           *rows,
                       guint                  n_rows,
                       double                *gradient)
{
  Tape tape = { 0 };
  double loss;

  g_return_val_if_fail (data->n_inputs == mdk_network_get_n_inputs (net), NAN);
  g_return_val_if_fail (data->n_outputs == mdk_network_get_n_outputs (net), NAN);
  if (mdk_network_is_recurrent (net))
    return NAN;
  if (rows == NULL)
    n_rows = data->n_rows;
  if (n_rows == 0)
    return NAN;
  loss = loss_and_gradient (net, data, rows, n_rows, &tape, gradient);
  tape_clear (&tape);
  return loss;
}

double
mdk_backprop_loss (MdkNetwork            *net,
                   const MdkTrainingData *data)
{
  return mdk_backprop_gradient (net, data, NULL, 0, NULL);
}

static gboolean
all_finite (const double *v,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

/**
 * mdk_backprop_train:
 * @net: a compiled feed-forward network, trained in place
 * @data: the training data
 * @params: how to train
 * @rng: draws the minibatches (nothing is drawn when a step uses all rows)
 *
 * Runs @params->steps steps of gradient descent on the mean loss of
 * minibatches drawn with replacement, plus the L2 penalty.  As in the
 * "backprop NEAT" demo (Ha 2016), the loss on all rows is checked every
 * CHECK_INTERVAL steps and training keeps the best parameters it saw, so it
 * never leaves a network worse than it found it.
 *
 * Returns: the mean loss on all rows afterwards (without the penalty), NAN
 *   for a recurrent network.
 */
double
mdk_backprop_train (MdkNetwork              *net,
                    const MdkTrainingData   *data,
                    const MdkBackpropParams *params,
                    MdkRng                  *rng)
{
  guint n = mdk_backprop_n_parameters (net);
  guint n_conns = mdk_network_get_n_connections (net);
  guint batch = params->batch_size == 0 || params->batch_size >= data->n_rows
                ? data->n_rows : params->batch_size;
  g_autofree double *best = NULL, *p = NULL, *g = NULL, *m = NULL, *v = NULL;
  g_autofree guint *rows = NULL;
  double best_loss, beta1_t = 1.0, beta2_t = 1.0;
  Tape tape = { 0 };

  g_return_val_if_fail (data->n_inputs == mdk_network_get_n_inputs (net), NAN);
  g_return_val_if_fail (data->n_outputs == mdk_network_get_n_outputs (net), NAN);
  if (mdk_network_is_recurrent (net) || data->n_rows == 0)
    return NAN;

  best_loss = loss_and_gradient (net, data, NULL, data->n_rows, &tape, NULL);
  best = g_new (double, n);
  p = g_new (double, n);
  g = g_new (double, n);
  mdk_backprop_get_parameters (net, best);
  memcpy (p, best, sizeof (double) * n);
  if (params->method == MDK_BACKPROP_ADAM)
    {
      m = g_new0 (double, n);
      v = g_new0 (double, n);
    }
  if (batch < data->n_rows)
    rows = g_new (guint, batch);

  for (guint step = 0; step < params->steps; step++)
    {
      if (rows != NULL)
        for (guint r = 0; r < batch; r++)
          rows[r] = mdk_rng_below (rng, data->n_rows);
      loss_and_gradient (net, data, rows, batch, &tape, g);
      /* Weight decay on connection weights only, as usual. */
      for (guint i = 0; i < n_conns; i++)
        g[i] += params->l2 * p[i];
      if (!all_finite (g, n))
        break;

      if (params->method == MDK_BACKPROP_ADAM)
        {
          beta1_t *= ADAM_BETA1;
          beta2_t *= ADAM_BETA2;
          for (guint i = 0; i < n; i++)
            {
              m[i] = ADAM_BETA1 * m[i] + (1.0 - ADAM_BETA1) * g[i];
              v[i] = ADAM_BETA2 * v[i] + (1.0 - ADAM_BETA2) * g[i] * g[i];
              p[i] -= params->learning_rate * (m[i] / (1.0 - beta1_t)) /
                      (sqrt (v[i] / (1.0 - beta2_t)) + ADAM_EPSILON);
            }
        }
      else
        for (guint i = 0; i < n; i++)
          p[i] -= params->learning_rate * g[i];
      for (guint i = 0; i < n; i++)
        p[i] = CLAMP (p[i], -params->max_weight, params->max_weight);
      mdk_backprop_set_parameters (net, p);

      if ((step + 1) % CHECK_INTERVAL == 0 || step + 1 == params->steps)
        {
          double loss = loss_and_gradient (net, data, NULL, data->n_rows, &tape, NULL);

          if (loss < best_loss || isnan (best_loss))
            {
              best_loss = loss;
              memcpy (best, p, sizeof (double) * n);
            }
        }
    }

  mdk_backprop_set_parameters (net, best);
  tape_clear (&tape);
  return best_loss;
}
