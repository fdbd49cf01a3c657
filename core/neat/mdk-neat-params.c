#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-params.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>

#include "mdk-activation.h"

#define GROUP_POPULATION N_("Population")
#define GROUP_MUTATION N_("Mutation")
#define GROUP_REPRODUCTION N_("Reproduction")
#define GROUP_SPECIATION N_("Speciation")
#define GROUP_BACKPROP N_("Backprop")
#define GROUP_PHASED N_("Phased search")

/* Same order as MdkBackpropMethod. */
static const MdkParamChoice backprop_method_choices[] = {
  { "sgd", N_("Gradient descent") },
  { "adam", N_("Adam") },
  { NULL, NULL }
};

/* Same order as MdkNeatInheritance. */
static const MdkParamChoice inheritance_choices[] = {
  { "lamarckian", N_("Lamarckian: learned weights are inherited") },
  { "baldwinian", N_("Baldwinian: only the fitness learns") },
  { NULL, NULL }
};

/* Same order as MdkNeatSearchMode. */
static const MdkParamChoice search_mode_choices[] = {
  { "complexify", N_("Complexify only (NEAT)") },
  { "phased", N_("Phased: complexify, then simplify") },
  { NULL, NULL }
};

#define NUM(field, type_, lo, hi, d, fl) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkNeatParams, field), .flags = fl

const MdkParamSpec mdk_neat_param_table[MDK_NEAT_N_PARAMS] = {
  /* Population */
  { "population_size", N_("Population size"), GROUP_POPULATION,
    N_("Number of genomes in each generation."),
    NUM (population_size, MDK_PARAM_INT, 2, 100000, 150, 0) },
  { "initial_weight_range", N_("Initial weight range"), GROUP_POPULATION,
    N_("Start genomes and new connections draw their weights uniformly from ± this value."),
    NUM (initial_weight_range, MDK_PARAM_DOUBLE, 0.0, 100.0, 2.0, 0) },
  { "output_activation", N_("Output activation"), GROUP_POPULATION,
    N_("Activation function of the output nodes of start genomes."),
    NUM (output_activation, MDK_PARAM_CHOICE, 0, 0, 0, 0), .choices = mdk_output_activation_choices },

  /* Mutation */
  { "weight_mutate_rate", N_("Weight mutation rate"), GROUP_MUTATION,
    N_("Probability that an offspring has its connection weights mutated (paper: 0.8)."),
    NUM (weight_mutate_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.8, MDK_PARAM_FLAG_LIVE) },
  { "weight_perturb_prob", N_("Weight perturbation probability"), GROUP_MUTATION,
    N_("When weights mutate, the chance that each weight is perturbed uniformly rather than replaced by a new random value (paper: 0.9)."),
    NUM (weight_perturb_prob, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.9, MDK_PARAM_FLAG_LIVE) },
  { "weight_perturb_power", N_("Weight perturbation size"), GROUP_MUTATION,
    N_("A perturbed weight moves by a uniform amount in ± this value."),
    NUM (weight_perturb_power, MDK_PARAM_DOUBLE, 0.0, 100.0, 2.5, MDK_PARAM_FLAG_LIVE) },
  { "weight_replace_range", N_("Weight replacement range"), GROUP_MUTATION,
    N_("A replaced weight is drawn uniformly from ± this value."),
    NUM (weight_replace_range, MDK_PARAM_DOUBLE, 0.0, 100.0, 2.5, MDK_PARAM_FLAG_LIVE) },
  { "weight_max", N_("Maximum weight"), GROUP_MUTATION,
    N_("Weights and biases are kept within ± this value."),
    NUM (weight_max, MDK_PARAM_DOUBLE, 0.1, 1000.0, 8.0, MDK_PARAM_FLAG_LIVE) },
  { "bias_mutate_rate", N_("Bias mutation rate"), GROUP_MUTATION,
    N_("Probability that an offspring has the biases of its hidden and output nodes perturbed. The paper's genomes have no node biases, only the bias input; Medaka's do, and tuning them lets a new hidden node find its threshold without first growing a link from the bias input."),
    NUM (bias_mutate_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.7, MDK_PARAM_FLAG_LIVE) },
  { "bias_perturb_power", N_("Bias perturbation size"), GROUP_MUTATION,
    N_("A perturbed bias moves by a uniform amount in ± this value."),
    NUM (bias_perturb_power, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.5, MDK_PARAM_FLAG_LIVE) },
  { "add_node_rate", N_("Add-node rate"), GROUP_MUTATION,
    N_("Probability of splitting a connection with a new hidden node (paper: 0.03)."),
    NUM (add_node_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.03, MDK_PARAM_FLAG_LIVE) },
  { "add_connection_rate", N_("Add-connection rate"), GROUP_MUTATION,
    N_("Probability of adding a new connection between two unconnected nodes (paper: 0.05)."),
    NUM (add_connection_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.05, MDK_PARAM_FLAG_LIVE) },
  { "delete_connection_rate", N_("Delete-connection rate"), GROUP_MUTATION,
    N_("Probability of removing a random connection gene."),
    NUM (delete_connection_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "delete_node_rate", N_("Delete-node rate"), GROUP_MUTATION,
    N_("Probability of removing a random hidden node and its connections."),
    NUM (delete_node_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "toggle_enable_rate", N_("Toggle-enable rate"), GROUP_MUTATION,
    N_("Probability of enabling or disabling a random connection."),
    NUM (toggle_enable_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "activation_mutate_rate", N_("Activation mutation rate"), GROUP_MUTATION,
    N_("Probability of giving a random hidden node a different activation function."),
    NUM (activation_mutate_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "hidden_activation", N_("Hidden activation"), GROUP_MUTATION,
    N_("Activation function of new hidden nodes."),
    NUM (hidden_activation, MDK_PARAM_CHOICE, 0, 0, MDK_ACTIVATION_NEAT_SIGMOID, MDK_PARAM_FLAG_LIVE),
    .choices = mdk_activation_choices },
  { "allow_recurrent", N_("Allow recurrent connections"), GROUP_MUTATION,
    N_("Let add-connection create loops; otherwise every network stays feed-forward."),
    NUM (allow_recurrent, MDK_PARAM_BOOL, 0, 1, FALSE, 0) },

  /* Reproduction */
  { "mutation_only_prob", N_("Mutation-only offspring"), GROUP_REPRODUCTION,
    N_("Fraction of offspring made by mutating one parent, without crossover (paper: 0.25)."),
    NUM (mutation_only_prob, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.25, MDK_PARAM_FLAG_LIVE) },
  { "mate_only_prob", N_("Crossover without mutation"), GROUP_REPRODUCTION,
    N_("Chance that a crossover child is not mutated afterwards (reference NEAT code: 0.2; Medaka mutates every child by default, which solves XOR in fewer evaluations)."),
    NUM (mate_only_prob, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "interspecies_mating_rate", N_("Interspecies mating rate"), GROUP_REPRODUCTION,
    N_("Chance that a crossover takes its second parent from another species (paper: 0.001)."),
    NUM (interspecies_mating_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.001, MDK_PARAM_FLAG_LIVE) },
  { "survival_threshold", N_("Survival threshold"), GROUP_REPRODUCTION,
    N_("Fraction of each species, the fittest, allowed to reproduce."),
    NUM (survival_threshold, MDK_PARAM_DOUBLE, 0.01, 1.0, 0.2, MDK_PARAM_FLAG_LIVE) },
  { "elitism_min_species_size", N_("Elitism species size"), GROUP_REPRODUCTION,
    N_("The champion of each species with more than this many members is copied unchanged (paper: 5)."),
    NUM (elitism_min_species_size, MDK_PARAM_INT, 0, 100000, 5, MDK_PARAM_FLAG_LIVE) },
  { "disable_inherit_prob", N_("Disabled-gene inheritance"), GROUP_REPRODUCTION,
    N_("Chance that a gene disabled in either parent is disabled in the child (paper: 0.75)."),
    NUM (disable_inherit_prob, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.75, MDK_PARAM_FLAG_LIVE) },
  { "crossover_average_prob", N_("Averaging crossover"), GROUP_REPRODUCTION,
    N_("Chance that a crossover gives matching genes the mean of the parents' weights instead of one parent's weight (reference NEAT code: 0.4)."),
    NUM (crossover_average_prob, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.4, MDK_PARAM_FLAG_LIVE) },

  /* Speciation */
  { "compat_excess", N_("Excess coefficient (c1)"), GROUP_SPECIATION,
    N_("Weight of excess genes in the compatibility distance (paper: 1.0)."),
    NUM (compat_excess, MDK_PARAM_DOUBLE, 0.0, 100.0, 1.0, MDK_PARAM_FLAG_LIVE) },
  { "compat_disjoint", N_("Disjoint coefficient (c2)"), GROUP_SPECIATION,
    N_("Weight of disjoint genes in the compatibility distance (paper: 1.0)."),
    NUM (compat_disjoint, MDK_PARAM_DOUBLE, 0.0, 100.0, 1.0, MDK_PARAM_FLAG_LIVE) },
  { "compat_weight", N_("Weight coefficient (c3)"), GROUP_SPECIATION,
    N_("Weight of the mean weight difference of matching genes (paper: 0.4)."),
    NUM (compat_weight, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.4, MDK_PARAM_FLAG_LIVE) },
  { "compat_threshold", N_("Compatibility threshold (δt)"), GROUP_SPECIATION,
    N_("Genomes closer than this to a species' representative join that species (paper: 3.0)."),
    NUM (compat_threshold, MDK_PARAM_DOUBLE, 0.01, 1000.0, 3.0, MDK_PARAM_FLAG_LIVE) },
  { "compat_normalize_min", N_("Normalisation size"), GROUP_SPECIATION,
    N_("Excess and disjoint counts are divided by the larger genome's size N, except that N = 1 when both genomes have fewer genes than this (paper: 20)."),
    NUM (compat_normalize_min, MDK_PARAM_INT, 0, 100000, 20, MDK_PARAM_FLAG_LIVE) },
  { "target_species", N_("Target species count"), GROUP_SPECIATION,
    N_("When above 0, the compatibility threshold is adjusted every generation to steer toward this many species."),
    NUM (target_species, MDK_PARAM_INT, 0, 10000, 0, MDK_PARAM_FLAG_LIVE) },
  { "compat_threshold_step", N_("Threshold adjustment step"), GROUP_SPECIATION,
    N_("How much the compatibility threshold changes per generation when steering toward the target species count."),
    NUM (compat_threshold_step, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.3, MDK_PARAM_FLAG_LIVE) },
  { "stagnation_limit", N_("Stagnation limit"), GROUP_SPECIATION,
    N_("A species whose best fitness has not improved for this many generations may not reproduce, unless it holds the best genome (paper: 15)."),
    NUM (stagnation_limit, MDK_PARAM_INT, 1, 100000, 15, MDK_PARAM_FLAG_LIVE) },

  /* Backprop: the defaults are those of the "backprop NEAT" demo (Ha 2016,
   * datafit-neat.js) where it has one; its solver was RMSProp. */
  { "backprop_steps", N_("Backprop steps"), GROUP_BACKPROP,
    N_("Gradient steps each genome takes on the task's training data before it is evaluated (backprop-NEAT: evolution finds the structure, gradient descent tunes the weights). Its fitness is then minus the training loss, enlarged by the size penalties below. 0 turns backprop off. It needs a task with training data, and feed-forward networks: with it, a network with a loop counts as the worst of its generation."),
    NUM (backprop_steps, MDK_PARAM_INT, 0, 100000, 0, MDK_PARAM_FLAG_LIVE) },
  { "backprop_learning_rate", N_("Learning rate"), GROUP_BACKPROP,
    N_("Step size of the gradient descent (demo: 0.01)."),
    NUM (backprop_learning_rate, MDK_PARAM_DOUBLE, 1e-6, 10.0, 0.01, MDK_PARAM_FLAG_LIVE) },
  { "backprop_batch_size", N_("Minibatch size"), GROUP_BACKPROP,
    N_("Training rows drawn at random (with replacement) for each step; 0 uses all of them every step (demo: 10)."),
    NUM (backprop_batch_size, MDK_PARAM_INT, 0, 100000, 10, MDK_PARAM_FLAG_LIVE) },
  { "backprop_method", N_("Gradient method"), GROUP_BACKPROP,
    N_("Plain gradient descent, or Adam (Kingma & Ba 2015), which adapts the step of each weight."),
    NUM (backprop_method, MDK_PARAM_CHOICE, 0, 0, 1, MDK_PARAM_FLAG_LIVE), .choices = backprop_method_choices },
  { "backprop_l2", N_("L2 weight penalty"), GROUP_BACKPROP,
    N_("Weight decay λ: training minimises the loss plus λ/2 × the sum of the squared connection weights (demo: 0.001). It does not count in the fitness."),
    NUM (backprop_l2, MDK_PARAM_DOUBLE, 0.0, 10.0, 0.001, MDK_PARAM_FLAG_LIVE) },
  { "backprop_inheritance", N_("Inheritance"), GROUP_BACKPROP,
    N_("Lamarckian: the learned weights are written back into the genome, so offspring start from them. Baldwinian: the genome keeps its own weights and learning only raises its fitness."),
    NUM (backprop_inheritance, MDK_PARAM_CHOICE, 0, 0, MDK_NEAT_INHERIT_LAMARCKIAN, MDK_PARAM_FLAG_LIVE),
    .choices = inheritance_choices },
  { "backprop_node_penalty", N_("Hidden node penalty"), GROUP_BACKPROP,
    N_("With backprop, fitness is −loss × (1 + this × √hidden nodes + the connection penalty × √connections), as in the demo (demo: 0)."),
    NUM (backprop_node_penalty, MDK_PARAM_DOUBLE, 0.0, 10.0, 0.0, MDK_PARAM_FLAG_LIVE) },
  { "backprop_connection_penalty", N_("Connection penalty"), GROUP_BACKPROP,
    N_("With backprop, the weight of √(enabled connections) in the fitness's size penalty (demo: 0.03)."),
    NUM (backprop_connection_penalty, MDK_PARAM_DOUBLE, 0.0, 10.0, 0.03, MDK_PARAM_FLAG_LIVE) },

  /* Phased search: SharpNEAT's relative complexity regulation and
   * MultiNEAT's phased searching. */
  { "search_mode", N_("Search mode"), GROUP_PHASED,
    N_("Complexify only, as NEAT does; or phased search (SharpNEAT, MultiNEAT): complexify until the mean number of connections has grown by the ceiling, then simplify by deletion until it stops falling, and so on."),
    NUM (search_mode, MDK_PARAM_CHOICE, 0, 0, MDK_NEAT_SEARCH_COMPLEXIFY, MDK_PARAM_FLAG_LIVE),
    .choices = search_mode_choices },
  { "phase_complexity_ceiling", N_("Complexity ceiling"), GROUP_PHASED,
    N_("Simplifying starts when the population's mean number of enabled connections exceeds its value at the start of the complexifying phase by this much (SharpNEAT's relative ceiling, typically 30; MultiNEAT: 20)."),
    NUM (phase_complexity_ceiling, MDK_PARAM_DOUBLE, 1.0, 100000.0, 30.0, MDK_PARAM_FLAG_LIVE) },
  { "phase_simplify_generations", N_("Simplification stall"), GROUP_PHASED,
    N_("Complexifying starts again when the mean number of connections has not reached a new low for this many generations of simplifying (SharpNEAT simplifies for at least 10; MultiNEAT waits 40)."),
    NUM (phase_simplify_generations, MDK_PARAM_INT, 1, 100000, 10, MDK_PARAM_FLAG_LIVE) },
  { "phase_delete_rate", N_("Simplifying deletion rate"), GROUP_PHASED,
    N_("While simplifying, offspring come from mutation alone, without crossover or new structure, and each loses a random connection with this probability (SharpNEAT: 0.4)."),
    NUM (phase_delete_rate, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.4, MDK_PARAM_FLAG_LIVE) },
};

const guint mdk_neat_n_params = MDK_NEAT_N_PARAMS;

void
mdk_neat_params_init_defaults (MdkNeatParams *params)
{
  mdk_param_table_init (mdk_neat_param_table, mdk_neat_n_params, params);
}

gboolean
mdk_neat_params_validate (const MdkNeatParams  *params,
                          GError              **error)
{
  return mdk_param_table_validate (mdk_neat_param_table, mdk_neat_n_params, params, error);
}
