/* mdk-cmaes.h: CMA-ES and sep-CMA-ES (Hansen 2016; Ros & Hansen 2008) */
#pragma once

#include <glib.h>

#include "mdk-es.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_CMAES_RESTART_NONE,
  MDK_CMAES_RESTART_IPOP,
  MDK_CMAES_RESTART_BIPOP,
} MdkCmaesRestart;

typedef struct
{
  MdkEsNetworkParams net;
  int                population_size;   /* 0: 4 + ⌊3 ln n⌋ */
  double             sigma;             /* σ⁽⁰⁾ */
  gboolean           active;            /* negative recombination weights */
  int                restarts;          /* MdkCmaesRestart */
  int                max_restarts;
  double             bounds;            /* box [−bounds, bounds]ⁿ; 0: none */
  double             tol_fun;
  double             tol_hist_fun;      /* 0: off */
  double             tol_x;             /* relative to σ⁽⁰⁾ */
  double             max_condition;
  double             max_evaluations;   /* 0: none */
  double             min_sigma;         /* lower bound on σ; 0: none */
  gboolean           max_iter;          /* BBOB-2009's generation cap per run */
  gboolean           stagnation;        /* BBOB-2009's stagnation test */
} MdkCmaesParams;

extern const MdkOptimizerClass mdk_cmaes_class;
extern const MdkOptimizerClass mdk_sep_cmaes_class;

/* For the tests: the current distribution. */
double        mdk_cmaes_get_sigma      (const MdkEsStrategy *s);
guint         mdk_cmaes_get_lambda     (const MdkEsStrategy *s);
guint         mdk_cmaes_get_restarts   (const MdkEsStrategy *s);
/* The covariance matrix, n × n (column-major, as stored), or its diagonal
 * for sep-CMA-ES. */
const double *mdk_cmaes_get_covariance (const MdkEsStrategy *s,
                                        gboolean            *diagonal);

G_END_DECLS
