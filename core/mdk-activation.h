/* mdk-activation.h: the activation functions a node can have */
#pragma once

#include <glib.h>

#include "mdk-param.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_ACTIVATION_NEAT_SIGMOID,   /* 1 / (1 + e^(-4.9x)), NEAT's steepened sigmoid */
  MDK_ACTIVATION_SIGMOID,
  MDK_ACTIVATION_TANH,
  MDK_ACTIVATION_RELU,
  MDK_ACTIVATION_GAUSSIAN,
  MDK_ACTIVATION_SINE,
  MDK_ACTIVATION_ABS,
  MDK_ACTIVATION_IDENTITY,
  MDK_ACTIVATION_STEP,
  MDK_ACTIVATION_SQUARE,
  MDK_N_ACTIVATIONS
} MdkActivation;

/* For parameter tables: every activation in MdkActivation order, and the
 * same after a first choice "task" (the task's suggestion), so that index
 * i + 1 is MdkActivation i. */
extern const MdkParamChoice mdk_activation_choices[];
extern const MdkParamChoice mdk_output_activation_choices[];

const char *mdk_activation_to_id      (MdkActivation  activation);
const char *mdk_activation_get_label  (MdkActivation  activation);
gboolean    mdk_activation_from_id    (const char    *id,
                                       MdkActivation *activation);
double      mdk_activation_apply      (MdkActivation  activation,
                                       double         x);
double      mdk_activation_derivative (MdkActivation  activation,
                                       double         x,
                                       double         y);

/* Inlined for the compiled network's inner loop. */
static inline double
mdk_activation_apply_inline (MdkActivation activation,
                             double        x);

G_END_DECLS

#include <math.h>

/* tanh through one exp: glibc's tanh goes through expm1 and costs several
 * times more, which dominated the time of large networks.  Near 0 a Taylor
 * polynomial avoids the cancellation in 1 − e^(−2|x|); the result is within a
 * few units in the last place of libm's tanh (/core/network/activations). */
static inline double
mdk_tanh (double x)
{
  double a = fabs (x), t;

  if (a < 0.03)
    {
      double x2 = x * x;
      /* x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 */
      return x * (1.0 + x2 * (-1.0 / 3.0 + x2 * (2.0 / 15.0 + x2 * (-17.0 / 315.0 + x2 * (62.0 / 2835.0)))));
    }
  if (a > 22.0)
    return copysign (1.0, x);
  t = exp (-2.0 * a);
  return copysign ((1.0 - t) / (1.0 + t), x);
}

static inline double
mdk_activation_apply_inline (MdkActivation activation,
                             double        x)
{
  switch (activation)
    {
    case MDK_ACTIVATION_NEAT_SIGMOID:
      return 1.0 / (1.0 + exp (-4.9 * x));
    case MDK_ACTIVATION_SIGMOID:
      return 1.0 / (1.0 + exp (-x));
    case MDK_ACTIVATION_TANH:
      return mdk_tanh (x);
    case MDK_ACTIVATION_RELU:
      return x > 0.0 ? x : 0.0;
    case MDK_ACTIVATION_GAUSSIAN:
      return exp (-x * x);
    case MDK_ACTIVATION_SINE:
      return sin (x);
    case MDK_ACTIVATION_ABS:
      return fabs (x);
    case MDK_ACTIVATION_IDENTITY:
      return x;
    case MDK_ACTIVATION_STEP:
      return x > 0.0 ? 1.0 : 0.0;
    case MDK_ACTIVATION_SQUARE:
      return x * x;
    case MDK_N_ACTIVATIONS:
    default:
      return x;
    }
}
