/* mdk-neat-params.h: NEAT's fixed parameters
 *
 * Defaults are the XOR setup of Stanley & Miikkulainen (2002), section 4.1,
 * where the paper gives a value; the others are chosen so that the paper's
 * algorithm is unchanged (extra mutations default to 0).
 */
#pragma once

#include <glib.h>

#include "mdk-param.h"

G_BEGIN_DECLS

typedef struct
{
  /* Population */
  int      population_size;
  double   initial_weight_range;
  int      output_activation;        /* index into mdk_neat_output_activation_choices */

  /* Mutation */
  double   weight_mutate_rate;
  double   weight_perturb_prob;
  double   weight_perturb_power;
  double   weight_replace_range;
  double   weight_max;
  double   bias_mutate_rate;
  double   bias_perturb_power;
  double   add_node_rate;
  double   add_connection_rate;
  double   delete_connection_rate;
  double   delete_node_rate;
  double   toggle_enable_rate;
  double   activation_mutate_rate;
  int      hidden_activation;        /* MdkActivation */
  gboolean allow_recurrent;

  /* Reproduction */
  double   mutation_only_prob;
  double   mate_only_prob;
  double   interspecies_mating_rate;
  double   survival_threshold;
  int      elitism_min_species_size;
  double   disable_inherit_prob;
  double   crossover_average_prob;

  /* Speciation */
  double   compat_excess;            /* c1 */
  double   compat_disjoint;          /* c2 */
  double   compat_weight;            /* c3 */
  double   compat_threshold;         /* δt */
  int      compat_normalize_min;     /* N = 1 below this many genes */
  int      target_species;           /* 0 = fixed threshold */
  double   compat_threshold_step;
  int      stagnation_limit;

  /* Backprop (backprop-NEAT, Ha 2016) */
  int      backprop_steps;           /* 0 = off */
  double   backprop_learning_rate;
  int      backprop_batch_size;      /* 0 = all training rows */
  int      backprop_method;          /* MdkBackpropMethod */
  double   backprop_l2;
  int      backprop_inheritance;     /* MdkNeatInheritance */
  double   backprop_node_penalty;
  double   backprop_connection_penalty;

  /* Phased search (SharpNEAT, MultiNEAT) */
  int      search_mode;              /* MdkNeatSearchMode */
  double   phase_complexity_ceiling;
  int      phase_simplify_generations;
  double   phase_delete_rate;
} MdkNeatParams;

typedef enum
{
  MDK_NEAT_INHERIT_LAMARCKIAN,   /* learned weights go back into the genome */
  MDK_NEAT_INHERIT_BALDWINIAN,   /* they only count for the fitness */
} MdkNeatInheritance;

typedef enum
{
  MDK_NEAT_SEARCH_COMPLEXIFY,    /* plain NEAT: structure only grows */
  MDK_NEAT_SEARCH_PHASED,        /* complexify, then simplify, in turn */
} MdkNeatSearchMode;

#define MDK_NEAT_N_PARAMS 45

extern const MdkParamSpec mdk_neat_param_table[MDK_NEAT_N_PARAMS];
extern const guint mdk_neat_n_params;

void     mdk_neat_params_init_defaults (MdkNeatParams       *params);
gboolean mdk_neat_params_validate      (const MdkNeatParams *params,
                                        GError             **error);

G_END_DECLS
