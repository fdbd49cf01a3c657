#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-activation.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Stable ids in files, labels only on screen. */
static const struct
{
  const char *id;
  const char *label;
} activations[MDK_N_ACTIVATIONS] = {
  [MDK_ACTIVATION_NEAT_SIGMOID] = { "neat-sigmoid", N_("Steepened sigmoid (NEAT)") },
  [MDK_ACTIVATION_SIGMOID] = { "sigmoid", N_("Sigmoid") },
  [MDK_ACTIVATION_TANH] = { "tanh", N_("Hyperbolic tangent") },
  [MDK_ACTIVATION_RELU] = { "relu", N_("Rectified linear") },
  [MDK_ACTIVATION_GAUSSIAN] = { "gaussian", N_("Gaussian") },
  [MDK_ACTIVATION_SINE] = { "sine", N_("Sine") },
  [MDK_ACTIVATION_ABS] = { "abs", N_("Absolute value") },
  [MDK_ACTIVATION_IDENTITY] = { "identity", N_("Identity") },
  [MDK_ACTIVATION_STEP] = { "step", N_("Step") },
  [MDK_ACTIVATION_SQUARE] = { "square", N_("Square") },
};

const MdkParamChoice mdk_activation_choices[] = {
  { "neat-sigmoid", N_("Steepened sigmoid (NEAT)") },
  { "sigmoid", N_("Sigmoid") },
  { "tanh", N_("Hyperbolic tangent") },
  { "relu", N_("Rectified linear") },
  { "gaussian", N_("Gaussian") },
  { "sine", N_("Sine") },
  { "abs", N_("Absolute value") },
  { "identity", N_("Identity") },
  { "step", N_("Step") },
  { "square", N_("Square") },
  { NULL, NULL }
};

const MdkParamChoice mdk_output_activation_choices[] = {
  { "task", N_("As the task suggests") },
  { "neat-sigmoid", N_("Steepened sigmoid (NEAT)") },
  { "sigmoid", N_("Sigmoid") },
  { "tanh", N_("Hyperbolic tangent") },
  { "relu", N_("Rectified linear") },
  { "gaussian", N_("Gaussian") },
  { "sine", N_("Sine") },
  { "abs", N_("Absolute value") },
  { "identity", N_("Identity") },
  { "step", N_("Step") },
  { "square", N_("Square") },
  { NULL, NULL }
};
G_STATIC_ASSERT (G_N_ELEMENTS (mdk_activation_choices) == MDK_N_ACTIVATIONS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (mdk_output_activation_choices) == MDK_N_ACTIVATIONS + 2);

const char *
mdk_activation_to_id (MdkActivation activation)
{
  g_return_val_if_fail (activation < MDK_N_ACTIVATIONS, NULL);
  return activations[activation].id;
}

const char *
mdk_activation_get_label (MdkActivation activation)
{
  g_return_val_if_fail (activation < MDK_N_ACTIVATIONS, NULL);
  return _(activations[activation].label);
}

gboolean
mdk_activation_from_id (const char    *id,
                        MdkActivation *activation)
{
  for (guint i = 0; i < MDK_N_ACTIVATIONS; i++)
    if (g_strcmp0 (id, activations[i].id) == 0)
      {
        *activation = i;
        return TRUE;
      }
  return FALSE;
}

double
mdk_activation_apply (MdkActivation activation,
                      double        x)
{
  return mdk_activation_apply_inline (activation, x);
}

/* d(activation)/dx, given the input x and the output y = f(x).  The step
 * function's derivative is taken as 0 everywhere (it has no useful gradient). */
double
mdk_activation_derivative (MdkActivation activation,
                           double        x,
                           double        y)
{
  switch (activation)
    {
    case MDK_ACTIVATION_NEAT_SIGMOID:
      return 4.9 * y * (1.0 - y);
    case MDK_ACTIVATION_SIGMOID:
      return y * (1.0 - y);
    case MDK_ACTIVATION_TANH:
      return 1.0 - y * y;
    case MDK_ACTIVATION_RELU:
      return x > 0.0 ? 1.0 : 0.0;
    case MDK_ACTIVATION_GAUSSIAN:
      return -2.0 * x * y;
    case MDK_ACTIVATION_SINE:
      return cos (x);
    case MDK_ACTIVATION_ABS:
      return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
    case MDK_ACTIVATION_IDENTITY:
      return 1.0;
    case MDK_ACTIVATION_STEP:
      return 0.0;
    case MDK_ACTIVATION_SQUARE:
      return 2.0 * x;
    case MDK_N_ACTIVATIONS:
    default:
      return 1.0;
    }
}
