/* Single pole balancing as in Stanley's NEAT code (experiments.cpp:
 * pole1_evaluate (), go_cart (), cart_pole ()), itself the simulator of
 * Barto, Sutton & Anderson (1983) as written by Sutton and Anderson.
 *
 * The network sees (x + 2.4)/4.8, (ẋ + 0.75)/1.5, (θ + 12°)/0.41 and
 * (θ̇ + 1)/2 (and its bias node, the reference's constant input 1); its
 * two outputs choose the push: −10 N when the first is larger, else +10 N.
 * Each evaluation starts from a random state, drawn as the reference does
 * from x ∈ [−2.4, 2.4), ẋ ∈ [−1, 1), θ ∈ [−0.2, 0.2) and θ̇ ∈ [−1.5, 1.5)
 * in steps of 0.001.  Euler steps of 0.02 s; the episode fails when the
 * cart leaves the ±2.4 m track or the pole passes ±12°.  Fitness is the
 * number of balanced steps; balancing 100,000 solves the task. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>

#include "mdk-pole-physics.h"

typedef struct
{
  int      steps;
  gboolean random_start;
} MdkTaskPoleParams;

static const MdkParamSpec pole_params[] = {
  {
    .id = "steps",
    .label = N_("Steps to balance"),
    .group = N_("Episode"),
    .help = N_("The task is solved by a network that balances the pole this many steps "
               "of 0.02 s (the reference code: 100,000, over half an hour)."),
    .type = MDK_PARAM_INT,
    .min = 100,
    .max = 10000000,
    .def = 100000,
    .offset = offsetof (MdkTaskPoleParams, steps),
  },
  {
    .id = "random_start",
    .label = N_("Random start"),
    .group = N_("Episode"),
    .help = N_("Start each evaluation from a random state, as the reference code does; "
               "otherwise from rest, upright in the middle of the track."),
    .type = MDK_PARAM_BOOL,
    .def = TRUE,
    .offset = offsetof (MdkTaskPoleParams, random_start),
  },
};

static gboolean
pole_init (MdkTask  *task,
           GError  **error)
{
  static const char * const inputs[] = { "x", "dx", "theta", "dtheta" };
  static const char * const outputs[] = { "left", "right" };

  mdk_task_set_names (task, inputs, 4, outputs, 2);
  /* Where the episode ended: the cart on its track, the pole's angle. */
  task->n_behaviour = 2;
  return TRUE;
}

/* As go_cart () draws it: (lrand48 () % n) / 1000 − offset. */
static void
random_start (MdkRng *rng,
              double  state[4])
{
  state[0] = mdk_rng_below (rng, 4800) / 1000.0 - 2.4;
  state[1] = mdk_rng_below (rng, 2000) / 1000.0 - 1.0;
  state[2] = mdk_rng_below (rng, 400) / 1000.0 - 0.2;
  state[3] = mdk_rng_below (rng, 3000) / 1000.0 - 1.5;
}

/* Runs an episode of at most @max_steps from @state; appends x, force, θ
 * per frame to @frames when given.  Returns the balanced steps. */
static guint
run_episode (MdkNetwork *net,
             double      state[4],
             guint       max_steps,
             GArray     *frames)
{
  guint steps = 0;
  double in[4], out[2], force = 0.0;

  mdk_network_reset (net);
  while (steps < max_steps)
    {
      in[0] = (state[0] + 2.4) / 4.8;
      in[1] = (state[1] + 0.75) / 1.5;
      in[2] = (state[2] + MDK_SINGLE_POLE_FAIL_ANGLE) / 0.41;
      in[3] = (state[3] + 1.0) / 2.0;
      mdk_network_activate (net, in, out);
      force = out[0] > out[1] ? -MDK_SINGLE_POLE_FORCE : MDK_SINGLE_POLE_FORCE;
      if (frames != NULL)
        g_array_append_vals (frames, (double[3]) { state[0], force, state[2] }, 3);
      mdk_single_pole_step (state, force);
      if (mdk_single_pole_failed (state))
        break;
      steps++;
    }
  if (frames != NULL)
    g_array_append_vals (frames, (double[3]) { state[0], 0.0, state[2] }, 3);
  return steps;
}

static void
pole_evaluate (const MdkTask *task,
               MdkNetwork    *net,
               MdkRng        *rng,
               MdkEvalResult *result)
{
  const MdkTaskPoleParams *params = task->params;
  double state[4] = { 0 };
  guint steps;

  if (params->random_start)
    random_start (rng, state);
  steps = run_episode (net, state, params->steps, NULL);
  result->fitness = steps;
  result->train_metric = steps;
  result->solved = steps >= (guint) params->steps;
  /* Scaled to [0, 1] over the track and the band of allowed angles; the
   * state that failed may lie just beyond them. */
  result->behaviour[0] = CLAMP ((state[0] + MDK_SINGLE_POLE_TRACK) / (2 * MDK_SINGLE_POLE_TRACK), 0.0, 1.0);
  result->behaviour[1] = CLAMP ((state[2] + MDK_SINGLE_POLE_FAIL_ANGLE) / (2 * MDK_SINGLE_POLE_FAIL_ANGLE),
                                0.0, 1.0);
}

/* The episode from one fixed start: the first random start of the seed 1
 * stream, or rest. */
static MdkTrace *
pole_trace (const MdkTask *task,
            MdkNetwork    *net)
{
  const MdkTaskPoleParams *params = task->params;
  static const double length = MDK_SINGLE_POLE_LENGTH;
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (double));
  double state[4] = { 0 };

  if (params->random_start)
    {
      MdkRng rng;

      mdk_rng_init (&rng, 1);
      random_start (&rng, state);
    }
  run_episode (net, state, params->steps, frames);
  return mdk_pole_trace_new (frames, 1, &length, MDK_SINGLE_POLE_TRACK, MDK_SINGLE_POLE_FAIL_ANGLE,
                             MDK_SINGLE_POLE_TAU, params->steps);
}

const MdkTaskClass mdk_task_pole_class = {
  .id = "pole",
  .label = N_("Pole balancing"),
  .description = N_("Balance a pole on a cart by pushing the cart left or right, the "
                    "classic control benchmark (Barto, Sutton & Anderson, 1983), as in "
                    "the NEAT reference code: the network sees the cart's position and "
                    "velocity and the pole's angle and angular velocity, and pushes with "
                    "10 N to the side of its larger output. Each evaluation starts from a "
                    "random state. The cart must stay on its 4.8 m track and the pole "
                    "within 12° of upright; the fitness is the number of balanced steps "
                    "of 0.02 s, and balancing 100,000 steps solves the task. For novelty "
                    "search and MAP-Elites, its behaviour is where the episode ended: the "
                    "cart's place on the track and the pole's angle."),
  .metric_label = N_("Steps balanced"),
  .params = pole_params,
  .n_params = G_N_ELEMENTS (pole_params),
  .params_size = sizeof (MdkTaskPoleParams),
  .deterministic = FALSE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = pole_init,
  .evaluate = pole_evaluate,
  .trace = pole_trace,
};
