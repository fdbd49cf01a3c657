/* mdk-pepg.h: parameter-exploring policy gradients (Sehnke et al. 2010) */
#pragma once

#include <glib.h>

#include "mdk-es.h"

G_BEGIN_DECLS

typedef struct
{
  MdkEsNetworkParams net;
  int                population_size;
  double             sigma;
  double             learning_rate;
  double             sigma_learning_rate;
  double             sigma_max_change;
} MdkPepgParams;

extern const MdkOptimizerClass mdk_pepg_class;

G_END_DECLS
