/* mdk-openai-es.h: the evolution strategy of Salimans et al. (2017) */
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
  double             beta1;
  double             beta2;
  double             weight_decay;
  gboolean           antithetic;
  gboolean           rank_shaping;
} MdkOpenaiEsParams;

extern const MdkOptimizerClass mdk_openai_es_class;

G_END_DECLS
