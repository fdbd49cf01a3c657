/* mdk-backprop.h: gradients of a compiled feed-forward network, and
 * training by them
 *
 * Reverse-mode differentiation (backpropagation) through the program that
 * mdk_network_compile () makes, for any feed-forward network and any
 * activation in mdk-activation.h.  The parameters are the network's
 * compiled connection weights followed by its ops' biases (see
 * mdk_backprop_get_parameters); a recurrent network has no gradient here.
 *
 * Losses, as a mean over the rows used:
 * - squared error: the mean over outputs of (y − t)²;
 * - cross-entropy: with one output, binary cross-entropy of the output read
 *   as the probability of class 1 (clamped to [1e-7, 1 − 1e-7] as the
 *   tasks do; a sigmoid output is differentiated through its logit, so a
 *   confidently wrong answer still has a gradient); with several outputs,
 *   the cross-entropy of their softmax against one-hot targets.
 */
#pragma once

#include <glib.h>

#include "mdk-network.h"
#include "mdk-rng.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_LOSS_CROSS_ENTROPY,
  MDK_LOSS_SQUARED_ERROR,
} MdkLoss;

/* Supervised data: row-major inputs and targets, borrowed. */
typedef struct
{
  guint         n_rows;
  guint         n_inputs;
  guint         n_outputs;
  const double *inputs;     /* n_rows × n_inputs */
  const double *targets;    /* n_rows × n_outputs */
  MdkLoss       loss;
} MdkTrainingData;

typedef enum
{
  MDK_BACKPROP_SGD,
  MDK_BACKPROP_ADAM,
} MdkBackpropMethod;

typedef struct
{
  guint             steps;
  guint             batch_size;     /* rows per step; 0 (or ≥ the rows): all of them */
  double            learning_rate;
  MdkBackpropMethod method;
  double            l2;             /* λ: the training loss gains λ/2 · Σ weight² */
  double            max_weight;     /* weights and biases stay within ± this */
} MdkBackpropParams;

guint    mdk_backprop_n_parameters (const MdkNetwork      *net);
void     mdk_backprop_get_parameters (MdkNetwork          *net,
                                      double              *parameters);
void     mdk_backprop_set_parameters (MdkNetwork          *net,
                                      const double        *parameters);
double   mdk_backprop_gradient     (MdkNetwork            *net,
                                    const MdkTrainingData *data,
                                    const guint           *rows,
                                    guint                  n_rows,
                                    double                *gradient);
double   mdk_backprop_loss         (MdkNetwork            *net,
                                    const MdkTrainingData *data);
double   mdk_backprop_train        (MdkNetwork            *net,
                                    const MdkTrainingData *data,
                                    const MdkBackpropParams *params,
                                    MdkRng                *rng);

G_END_DECLS
