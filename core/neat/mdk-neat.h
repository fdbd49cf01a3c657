/* mdk-neat.h: NEAT as an MdkOptimizer (Stanley & Miikkulainen 2002) */
#pragma once

#include <glib.h>

#include "mdk-neat-genome.h"
#include "mdk-neat-params.h"
#include "mdk-neat-species.h"
#include "mdk-optimizer.h"

G_BEGIN_DECLS

extern const MdkOptimizerClass mdk_neat_class;

GPtrArray           *mdk_neat_get_species      (const MdkOptimizer *opt);
const MdkNeatParams *mdk_neat_get_params       (const MdkOptimizer *opt);
guint                mdk_neat_get_generation   (const MdkOptimizer *opt);
double               mdk_neat_get_threshold    (const MdkOptimizer *opt);
GPtrArray           *mdk_neat_get_population   (const MdkOptimizer *opt);
MdkNeatInnovation   *mdk_neat_get_innovation   (MdkOptimizer       *opt);

/* Putting an edited network back into evolution, between generations. */
gboolean             mdk_neat_check_genome     (const MdkNeatParams *params,
                                                guint                n_inputs,
                                                guint                n_outputs,
                                                const MdkNeatGenome *genome,
                                                GError             **error);
gboolean             mdk_neat_insert_genome    (MdkOptimizer        *opt,
                                                const MdkNeatGenome *genome,
                                                GError             **error);
gboolean             mdk_neat_seed_population  (MdkOptimizer        *opt,
                                                const MdkNeatGenome *genome,
                                                GError             **error);

G_END_DECLS
