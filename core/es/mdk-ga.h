/* mdk-ga.h: a simple genetic algorithm on weight vectors (as estool's) */
#pragma once

#include <glib.h>

#include "mdk-es.h"

G_BEGIN_DECLS

typedef struct
{
  MdkEsNetworkParams net;
  int                population_size;
  double             elite_ratio;
  double             sigma;
  double             sigma_decay;
  double             sigma_limit;
  gboolean           crossover;
  gboolean           forget_best;
  double             weight_decay;
} MdkGaParams;

extern const MdkOptimizerClass mdk_ga_class;

G_END_DECLS
