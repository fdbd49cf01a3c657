/* Evolution strategies: the fixed-topology network, the genome document,
 * and the invariants of each strategy (CMA-ES's covariance, step size and
 * restarts, antithetic pairs, elitism, bounds, exact resume). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-cmaes.h"
#include "mdk-es-functions.h"
#include "mdk-ga.h"
#include "mdk-openai-es.h"
#include "mdk-pepg.h"
#include "mdk-run-state.h"

/* LAPACK's Cholesky factorization: it succeeds exactly when the matrix is
 * positive definite. */
extern void dpotrf_ (const char *uplo, const int *n, double *a, const int *lda, int *info,
                     size_t uplo_len);

static const MdkOptimizerClass * const es_classes[] = {
  &mdk_cmaes_class, &mdk_sep_cmaes_class, &mdk_openai_es_class, &mdk_pepg_class, &mdk_ga_class,
};

static gpointer
params_with (const MdkOptimizerClass *klass,
             ...)
{
  gpointer params = mdk_optimizer_params_new (klass);
  va_list args;
  const char *id;

  va_start (args, klass);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr(GError) error = NULL;

      mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params, id),
                                 params, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  return params;
}

static MdkEsStrategy *
strategy_new (const MdkOptimizerClass *klass,
              gconstpointer            params,
              guint                    n,
              double                   init_range,
              guint64                  seed)
{
  const MdkEsStrategyClass *sclass = klass->class_data;
  MdkEsProblem problem = { .n = n, .init_range = init_range, .seed = seed };
  g_autoptr(GError) error = NULL;
  MdkEsStrategy *s = sclass->create (params, &problem, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* One generation on @f; returns the best value. */
static double
generation (MdkEsStrategy *s,
            guint          n,
            MdkEsFunction  f)
{
  const double *x;
  guint lambda = s->klass->ask (s, &x);
  g_autofree double *v = g_new (double, lambda);
  double best = INFINITY;

  for (guint k = 0; k < lambda; k++)
    {
      v[k] = f (x + (gsize) k * n, n, NULL);
      best = MIN (best, v[k]);
    }
  s->klass->tell (s, v, NULL);
  return best;
}

/* The network */

static void
test_mlp_parse (void)
{
  static const struct { const char *layers, *acts; gboolean recurrent; const char *needle; } bad[] = {
    { "8,x", "tanh", FALSE, "“x”" },
    { "8,0", "tanh", FALSE, "“0”" },
    { "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "tanh", FALSE, "hidden_layers" },
    { "4,4,4", "tanh,relu", FALSE, "hidden_activations" },
    { "4", "tanhh", FALSE, "“tanhh”" },
    { "", "tanh", TRUE, "hidden layer" },
  };
  g_autoptr(MdkMlp) mlp = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkMlp) none = mdk_mlp_parse (2, 1, bad[i].layers, bad[i].acts, MDK_ACTIVATION_SIGMOID,
                                              TRUE, bad[i].recurrent, &error);

      g_assert_null (none);
      g_assert_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("“%s” does not name %s", error->message, bad[i].needle);
    }

  /* 2 → 4 (Elman) → 3 → 1: (4·2 + 4 + 4·4) + (3·4 + 3) + (3 + 1). */
  mlp = mdk_mlp_parse (2, 1, " 4, 3 ", "tanh,relu", MDK_ACTIVATION_SIGMOID, TRUE, TRUE, NULL);
  g_assert_nonnull (mlp);
  g_assert_cmpuint (mlp->n_params, ==, 28 + 15 + 4);
  g_assert_cmpuint (mlp->n_hidden, ==, 7);
  g_assert_cmpuint (mlp->n_connections, ==, 8 + 16 + 12 + 3);
  g_assert_cmpint (mlp->layers[1].activation, ==, MDK_ACTIVATION_RELU);
  g_assert_true (mlp->layers[0].recurrent && !mlp->layers[1].recurrent);
}

static void
random_params (const MdkMlp *mlp,
               MdkRng       *rng,
               double       *params)
{
  for (gsize i = 0; i < mlp->n_params; i++)
    params[i] = mdk_rng_range (rng, -1.5, 1.5);
}

/* The dense path (single precision, OpenBLAS) computes what the graph form
 * of the same network computes, one row at a time or in a batch. */
static void
test_mlp_dense_matches_graph (void)
{
  g_autoptr(MdkMlp) mlp = mdk_mlp_parse (3, 2, "7,5", "tanh,sigmoid", MDK_ACTIVATION_IDENTITY,
                                         TRUE, FALSE, NULL);
  g_autoptr(MdkNetwork) dense = mdk_network_new ();
  g_autoptr(MdkNetwork) graph = mdk_network_new ();
  g_autofree double *params = g_new (double, mlp->n_params);
  g_autoptr(MdkNeatGenome) genome = NULL;
  double inputs[300 * 3], batch[300 * 2], single[2], reference[2];
  MdkRng rng;

  mdk_rng_init (&rng, 5);
  random_params (mlp, &rng, params);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    inputs[i] = mdk_rng_range (&rng, -2, 2);

  mdk_mlp_decode (mlp, params, dense);
  genome = mdk_mlp_to_neat_genome (mlp, params);
  mdk_neat_genome_decode (genome, graph);
  g_assert_true (mdk_network_is_dense (dense));
  g_assert_cmpuint (mdk_network_get_n_hidden (dense), ==, mdk_network_get_n_hidden (graph));
  g_assert_cmpuint (mdk_network_get_n_connections (dense), ==, mdk_network_get_n_connections (graph));
  g_assert_false (mdk_network_is_recurrent (dense));

  mdk_network_activate_batch (dense, inputs, 300, batch);
  for (guint r = 0; r < 300; r++)
    {
      mdk_network_activate (dense, inputs + 3 * r, single);
      mdk_network_activate (graph, inputs + 3 * r, reference);
      for (guint o = 0; o < 2; o++)
        {
          g_assert_cmpfloat_with_epsilon (single[o], reference[o], 1e-4 * (1 + fabs (reference[o])));
          g_assert_cmpfloat_with_epsilon (batch[2 * r + o], single[o], 1e-5 * (1 + fabs (single[o])));
        }
    }
}

/* An Elman layer: h(t) = tanh (W x(t) + U h(t − 1) + b), kept between
 * activations and cleared by a reset; batch rows start from a reset. */
static void
test_mlp_elman (void)
{
  g_autoptr(MdkMlp) mlp = mdk_mlp_parse (1, 1, "2", "tanh", MDK_ACTIVATION_IDENTITY, TRUE, TRUE, NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  /* W (2×1), b (2), U (2×2), then the output's weights (1×2) and bias. */
  const double p[] = { 0.5, -0.3, 0.1, 0.2, 0.4, -0.6, 0.7, 0.3, 1.5, -2.0, 0.25 };
  const double xs[] = { 1.0, -0.5, 0.25, 2.0 };
  double h[2] = { 0, 0 }, out, batch[4];

  g_assert_cmpuint (mlp->n_params, ==, G_N_ELEMENTS (p));
  mdk_mlp_decode (mlp, p, net);
  g_assert_true (mdk_network_is_recurrent (net));
  for (guint t = 0; t < G_N_ELEMENTS (xs); t++)
    {
      double h0 = tanh (p[0] * xs[t] + p[2] + p[4] * h[0] + p[5] * h[1]);
      double h1 = tanh (p[1] * xs[t] + p[3] + p[6] * h[0] + p[7] * h[1]);

      h[0] = h0;
      h[1] = h1;
      mdk_network_activate (net, &xs[t], &out);
      g_assert_cmpfloat_with_epsilon (out, p[8] * h[0] + p[9] * h[1] + p[10], 1e-5);
    }
  mdk_network_reset (net);
  mdk_network_activate (net, &xs[3], &out);
  mdk_network_activate_batch (net, xs, 4, batch);
  g_assert_cmpfloat_with_epsilon (batch[3], out, 1e-6);
}

/* The genome document round-trips every double exactly, even those JSON
 * numbers cannot carry. */
static void
test_genome_json (void)
{
  g_autoptr(MdkMlp) mlp = mdk_mlp_parse (2, 1, "3", "relu", MDK_ACTIVATION_SIGMOID, TRUE, FALSE, NULL);
  g_autoptr(MdkEsGenome) g = mdk_es_genome_new (mlp);
  g_autoptr(MdkEsGenome) back = NULL;
  g_autoptr(JsonNode) node = NULL, parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const double special[] = { 0.1, -0.0, 1e21, 5e-324, -1.7976931348623157e308, 1.0 / 3, 42 };
  MdkRng rng;

  mdk_rng_init (&rng, 3);
  random_params (mlp, &rng, g->params);
  memcpy (g->params, special, sizeof special);
  g->id = 77;
  node = mdk_es_genome_to_json (g);
  text = json_to_string (node, TRUE);
  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  back = mdk_es_genome_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_true (mdk_mlp_equal (back->mlp, mlp));
  g_assert_cmpmem (back->params, sizeof (double) * mlp->n_params, g->params, sizeof (double) * mlp->n_params);
  g_assert_cmpuint (back->id, ==, 77);

  /* A wrong count is named. */
  json_array_remove_element (json_object_get_array_member (json_node_get_object (parsed), "parameters"), 0);
  g_clear_pointer (&back, mdk_es_genome_free);
  back = mdk_es_genome_from_json (parsed, &error);
  g_assert_null (back);
  g_assert_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "parameters"));
}

/* CMA-ES */

static void
assert_spd (const double *C,
            guint         n)
{
  g_autofree double *a = g_memdup2 (C, sizeof (double) * n * n);
  double scale = 0.0;
  int info = 0, ni = n;

  for (guint i = 0; i < n * n; i++)
    scale = MAX (scale, fabs (C[i]));
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < i; j++)
      g_assert_cmpfloat (fabs (C[i + j * n] - C[j + i * n]), <=, 1e-12 * scale);
  dpotrf_ ("L", &ni, a, &ni, &info, 1);
  g_assert_cmpint (info, ==, 0);
}

/* The covariance matrix stays symmetric positive definite, generation
 * after generation, with the active (negative-weight) update too. */
static void
test_cmaes_covariance (void)
{
  const guint n = 10;

  for (int active = 0; active < 2; active++)
    {
      gpointer params = params_with (&mdk_cmaes_class, "restarts", "none",
                                                "active", active ? "true" : "false", NULL);
      MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, params, n, 2.0, 11);
      gboolean diagonal;

      for (guint g = 0; g < 400 && s->klass->get_stop (s) == NULL; g++)
        {
          generation (s, n, mdk_es_rosenbrock);
          assert_spd (mdk_cmaes_get_covariance (s, &diagonal), n);
          g_assert_false (diagonal);
        }
      s->klass->free (s);
      mdk_optimizer_params_free (&mdk_cmaes_class, params);
    }

  /* sep-CMA-ES: a positive diagonal. */
  {
    gpointer params = params_with (&mdk_sep_cmaes_class, NULL);
    MdkEsStrategy *s = strategy_new (&mdk_sep_cmaes_class, params, 50, 2.0, 11);
    gboolean diagonal;

    for (guint g = 0; g < 200; g++)
      {
        const double *C;
        generation (s, 50, mdk_es_ellipsoid);
        C = mdk_cmaes_get_covariance (s, &diagonal);
        g_assert_true (diagonal);
        for (guint i = 0; i < 50; i++)
          g_assert_cmpfloat (C[i], >, 0.0);
      }
    s->klass->free (s);
    mdk_optimizer_params_free (&mdk_sep_cmaes_class, params);
  }
}

static double
linear (const double *x,
        guint         n,
        gpointer      data)
{
  return x[0];
}

/* Cumulative step-size adaptation: σ grows on a linear function and
 * shrinks near an optimum, but not below a minimum step size. */
static void
test_cmaes_step_size (void)
{
  const MdkOptimizerClass *classes[] = { &mdk_cmaes_class, &mdk_sep_cmaes_class };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      gpointer params = params_with (classes[c], "restarts", "none", "sigma", "1", NULL);
      gpointer bounded = params_with (classes[c], "restarts", "none", "sigma", "1", "min_sigma", "0.25", NULL);
      MdkEsStrategy *s = strategy_new (classes[c], params, 10, 0.0, 2);

      for (guint g = 0; g < 40; g++)
        generation (s, 10, linear);
      g_assert_cmpfloat (mdk_cmaes_get_sigma (s), >, 10.0);
      s->klass->free (s);

      /* Started at the optimum of the sphere. */
      s = strategy_new (classes[c], params, 10, 0.0, 2);
      for (guint g = 0; g < 200; g++)
        generation (s, 10, mdk_es_sphere);
      g_assert_cmpfloat (mdk_cmaes_get_sigma (s), <, 1e-3);
      s->klass->free (s);

      s = strategy_new (classes[c], bounded, 10, 0.0, 2);
      for (guint g = 0; g < 200; g++)
        {
          generation (s, 10, mdk_es_sphere);
          g_assert_cmpfloat (mdk_cmaes_get_sigma (s), >=, 0.25);
        }
      g_assert_cmpfloat (mdk_cmaes_get_sigma (s), ==, 0.25);
      s->klass->free (s);
      mdk_optimizer_params_free (classes[c], params);
      mdk_optimizer_params_free (classes[c], bounded);
    }
}

static double
constant (const double *x,
          guint         n,
          gpointer      data)
{
  return 1.0;
}

/* On a flat function TolFun ends each run: without restarts the strategy
 * stops and names the condition; IPOP doubles λ at every restart. */
static void
test_cmaes_restarts (void)
{
  gpointer none = params_with (&mdk_cmaes_class, "restarts", "none", NULL);
  gpointer ipop = params_with (&mdk_cmaes_class, "restarts", "ipop", "max_restarts", "3", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, none, 5, 1.0, 4);
  guint lambda0 = mdk_cmaes_get_lambda (s), seen = 0;

  g_assert_cmpuint (lambda0, ==, 4 + (guint) floor (3 * log (5)));
  while (s->klass->get_stop (s) == NULL)
    generation (s, 5, constant);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "TolFun"));
  g_assert_cmpuint (mdk_cmaes_get_restarts (s), ==, 0);
  /* A stopped strategy stays stopped when it is saved and loaded. */
  {
    g_autoptr(JsonNode) state = s->klass->save_state (s);
    MdkEsStrategy *again = strategy_new (&mdk_cmaes_class, none, 5, 1.0, 77);
    g_autoptr(GError) error = NULL;

    g_assert_null (again->klass->get_stop (again));
    g_assert_true (again->klass->load_state (again, json_node_get_object (state), "state", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (again->klass->get_stop (again), ==, s->klass->get_stop (s));
    again->klass->free (again);
  }
  s->klass->free (s);

  s = strategy_new (&mdk_cmaes_class, ipop, 5, 1.0, 4);
  while (s->klass->get_stop (s) == NULL)
    {
      guint before = mdk_cmaes_get_restarts (s);

      generation (s, 5, constant);
      if (mdk_cmaes_get_restarts (s) > before)
        {
          seen++;
          g_assert_cmpuint (mdk_cmaes_get_lambda (s), ==, lambda0 << seen);
        }
    }
  g_assert_cmpuint (seen, ==, 3);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "TolFun"));
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, none);
  mdk_optimizer_params_free (&mdk_cmaes_class, ipop);
}

/* BIPOP interleaves large runs (λ doubling) with small ones (λ between the
 * default and the last large one), the latter only from the third run on
 * and while they have used fewer evaluations. */
static void
test_cmaes_bipop (void)
{
  gpointer params = params_with (&mdk_cmaes_class, "restarts", "bipop", "max_restarts", "4", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, params, 5, 1.0, 8);
  guint lambda0 = mdk_cmaes_get_lambda (s), large = 0, small = 0, largest = lambda0;

  while (s->klass->get_stop (s) == NULL)
    {
      guint before = mdk_cmaes_get_restarts (s);

      generation (s, 5, constant);
      if (mdk_cmaes_get_restarts (s) > before)
        {
          guint lambda = mdk_cmaes_get_lambda (s);

          if (lambda > largest)
            {
              g_assert_cmpuint (lambda, ==, 2 * largest);
              largest = lambda;
              large++;
            }
          else
            {
              g_assert_cmpuint (lambda, >=, lambda0);
              g_assert_cmpuint (lambda, <=, largest);
              g_assert_cmpuint (large, >=, 1);
              small++;
            }
        }
    }
  g_assert_cmpuint (large, ==, 4);
  g_assert_cmpuint (small, >, 0);
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, params);
}

/* Generations until @s stops on @f, at most @limit. */
static guint
generations_to_stop (MdkEsStrategy *s,
                     guint          n,
                     MdkEsFunction  f,
                     guint          limit)
{
  guint g = 0;

  while (s->klass->get_stop (s) == NULL && g < limit)
    {
      generation (s, n, f);
      g++;
    }
  return g;
}

/* The stop conditions of the BBOB-2009 code, off by default.  MaxIter
 * ends a run on a flat function (with TolFun off) after exactly
 * 100 + 50(n + 3)²/√λ generations: 1,232 for n = 5, λ = 8. */
static void
test_cmaes_max_iter (void)
{
  gpointer off = params_with (&mdk_cmaes_class, "restarts", "none", "tol_fun", "0", NULL);
  gpointer on = params_with (&mdk_cmaes_class, "restarts", "none", "tol_fun", "0", "max_iter", "true", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, on, 5, 1.0, 3);

  g_assert_cmpuint (mdk_cmaes_get_lambda (s), ==, 8);
  g_assert_cmpuint (generations_to_stop (s, 5, constant, 5000), ==, 1232);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "MaxIter"));
  s->klass->free (s);

  s = strategy_new (&mdk_cmaes_class, off, 5, 1.0, 3);
  g_assert_cmpuint (generations_to_stop (s, 5, constant, 1300), ==, 1300);
  g_assert_null (s->klass->get_stop (s));
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, off);
  mdk_optimizer_params_free (&mdk_cmaes_class, on);
}

/* TolHistFun looks at the best values only: with TolFun off, a flat
 * function stops a run once the history of 10 + ⌈30n/λ⌉ = 29 generations
 * is full (n = 5, λ = 8), and never without it. */
static void
test_cmaes_tol_hist_fun (void)
{
  gpointer off = params_with (&mdk_cmaes_class, "restarts", "none", "tol_fun", "0", NULL);
  gpointer on = params_with (&mdk_cmaes_class, "restarts", "none", "tol_fun", "0", "tol_hist_fun", "1e-12", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, on, 5, 1.0, 5);

  g_assert_cmpuint (generations_to_stop (s, 5, constant, 1000), ==, 29);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "TolHistFun"));
  s->klass->free (s);

  s = strategy_new (&mdk_cmaes_class, off, 5, 1.0, 5);
  g_assert_cmpuint (generations_to_stop (s, 5, constant, 300), ==, 300);
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, off);
  mdk_optimizer_params_free (&mdk_cmaes_class, on);
}

/* Stagnation: on a flat function the last 20 generations are no better
 * than the oldest 21 of a history of 120 + ⌈30n/λ⌉ = 139 generations that
 * grows by one every fifth, so the run stops when it is first full, at
 * g = 139 + ⌊g/5⌋ = 173; the history survives saving and loading.  On the
 * sphere, where the values keep falling, TolFun ends the run instead. */
static void
test_cmaes_stagnation (void)
{
  gpointer on = params_with (&mdk_cmaes_class, "restarts", "none", "tol_fun", "0", "stagnation", "true", NULL);
  gpointer sphere = params_with (&mdk_cmaes_class, "restarts", "none", "stagnation", "true", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, on, 5, 1.0, 6);
  MdkEsStrategy *again = strategy_new (&mdk_cmaes_class, on, 5, 1.0, 60);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (generations_to_stop (s, 5, constant, 100), ==, 100);
  {
    g_autoptr(JsonNode) state = s->klass->save_state (s);

    g_assert_true (again->klass->load_state (again, json_node_get_object (state), "state", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (generations_to_stop (s, 5, constant, 1000), ==, 73);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "Stagnation"));
  g_assert_cmpuint (generations_to_stop (again, 5, constant, 1000), ==, 73);
  g_assert_cmpstr (again->klass->get_stop (again), ==, s->klass->get_stop (s));
  s->klass->free (s);
  again->klass->free (again);

  s = strategy_new (&mdk_cmaes_class, sphere, 5, 1.0, 6);
  generations_to_stop (s, 5, mdk_es_sphere, 100000);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "TolFun"));
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, on);
  mdk_optimizer_params_free (&mdk_cmaes_class, sphere);
}

static double
shifted_sphere (const double *x,
                guint         n,
                gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += (x[i] - 3.0) * (x[i] - 3.0);
  return f;
}

/* Box constraints: every point handed out is in the box, and the search
 * ends on the face nearest the optimum outside it.  MaxFunEvals stops it by
 * name. */
static void
test_cmaes_bounds (void)
{
  gpointer params = params_with (&mdk_cmaes_class, "restarts", "none", "bounds", "2", NULL);
  gpointer limited = params_with (&mdk_cmaes_class, "max_evaluations", "100", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, params, 6, 1.0, 9);
  const double *mean;
  guint64 used;

  while (s->klass->get_stop (s) == NULL)
    {
      const double *x;
      guint lambda = s->klass->ask (s, &x);
      g_autofree double *v = g_new (double, lambda);

      for (guint k = 0; k < lambda; k++)
        {
          for (guint i = 0; i < 6; i++)
            g_assert_cmpfloat (fabs (x[k * 6 + i]), <=, 2.0);
          v[k] = shifted_sphere (x + k * 6, 6, NULL);
        }
      s->klass->tell (s, v, NULL);
    }
  mean = s->klass->get_center (s);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (mean[i], 2.0, 1e-3);
  s->klass->free (s);

  s = strategy_new (&mdk_cmaes_class, limited, 6, 1.0, 9);
  used = mdk_es_minimize (s, 6, mdk_es_rastrigin, NULL, -1.0, 1000000, NULL);
  g_assert_true (g_str_has_prefix (s->klass->get_stop (s), "MaxFunEvals"));
  g_assert_cmpuint (used, >=, 100);
  g_assert_cmpuint (used, <, 100 + mdk_cmaes_get_lambda (s));
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, params);
  mdk_optimizer_params_free (&mdk_cmaes_class, limited);
}

/* The other strategies */

/* OpenAI-ES and PEPG sample in antithetic pairs: each pair sums to twice the
 * centre. */
static void
test_antithetic_pairs (void)
{
  const MdkOptimizerClass *classes[] = { &mdk_openai_es_class, &mdk_pepg_class };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      gpointer params = params_with (classes[c], NULL);
      MdkEsStrategy *s = strategy_new (classes[c], params, 12, 1.0, 6);

      for (guint g = 0; g < 5; g++)
        {
          g_autofree double *center = g_memdup2 (s->klass->get_center (s), sizeof (double) * 12);
          const double *x;
          guint lambda = s->klass->ask (s, &x);
          g_autofree double *v = g_new (double, lambda);

          g_assert_cmpuint (lambda % 2, ==, 0);
          for (guint k = 0; k < lambda; k += 2)
            for (guint i = 0; i < 12; i++)
              {
                g_assert_cmpfloat (x[k * 12 + i], !=, x[(k + 1) * 12 + i]);
                g_assert_cmpfloat_with_epsilon (x[k * 12 + i] + x[(k + 1) * 12 + i], 2 * center[i], 1e-12);
              }
          for (guint k = 0; k < lambda; k++)
            v[k] = mdk_es_sphere (x + k * 12, 12, NULL);
          s->klass->tell (s, v, NULL);
        }
      s->klass->free (s);
      mdk_optimizer_params_free (classes[c], params);
    }
}

/* With elitism the GA's best never gets worse; its children name their
 * elite parents. */
static void
test_ga_elitism (void)
{
  gpointer params = params_with (&mdk_ga_class, "population_size", "30", NULL);
  MdkEsStrategy *s = strategy_new (&mdk_ga_class, params, 8, 1.0, 3);
  double best = INFINITY;
  guint64 next_id = 1;

  for (guint g = 0; g < 60; g++)
    {
      const double *x;
      guint lambda = s->klass->ask (s, &x);
      g_autofree double *v = g_new (double, lambda);
      g_autofree guint64 *ids = g_new (guint64, lambda);
      double center;

      for (guint k = 0; k < lambda; k++)
        {
          guint8 origin;
          guint64 p1, p2;

          s->klass->get_origin (s, k, &origin, &p1, &p2);
          if (g == 0)
            g_assert_cmpuint (p1, ==, 0);
          else
            {
              g_assert_cmpuint (p1, >, 0);
              g_assert_cmpuint (p1, <, next_id);
            }
          v[k] = mdk_es_rastrigin (x + k * 8, 8, NULL);
          ids[k] = next_id++;
        }
      s->klass->tell (s, v, ids);
      center = mdk_es_rastrigin (s->klass->get_center (s), 8, NULL);
      g_assert_cmpfloat (center, <=, best);
      best = center;
    }
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_ga_class, params);
}

/* Every strategy saved between generations and loaded into a new one asks
 * exactly the points the original would have asked. */
static void
test_strategy_resume (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (es_classes); c++)
    {
      const MdkOptimizerClass *klass = es_classes[c];
      gpointer params = params_with (klass, NULL);
      MdkEsStrategy *a = strategy_new (klass, params, 7, 1.0, 21);
      MdkEsStrategy *b = strategy_new (klass, params, 7, 1.0, 999);
      g_autoptr(JsonNode) state = NULL, parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", klass->id);
      for (guint g = 0; g < 12; g++)
        generation (a, 7, mdk_es_rosenbrock);
      state = a->klass->save_state (a);
      text = json_to_string (state, FALSE);
      parsed = json_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_true (b->klass->load_state (b, json_node_get_object (parsed), "state", &error));
      g_assert_no_error (error);
      for (guint g = 0; g < 12; g++)
        {
          const double *xa, *xb;
          guint la = a->klass->ask (a, &xa), lb = b->klass->ask (b, &xb);
          g_autofree double *v = g_new (double, la);

          g_assert_cmpuint (la, ==, lb);
          g_assert_cmpmem (xa, sizeof (double) * la * 7, xb, sizeof (double) * lb * 7);
          for (guint k = 0; k < la; k++)
            v[k] = mdk_es_rosenbrock (xa + k * 7, 7, NULL);
          a->klass->tell (a, v, NULL);
          b->klass->tell (b, v, NULL);
        }
      a->klass->free (a);
      b->klass->free (b);
      mdk_optimizer_params_free (klass, params);
    }
}

/* A damaged state names the place. */
static void
test_strategy_bad_state (void)
{
  gpointer params = params_with (&mdk_cmaes_class, NULL);
  MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, params, 4, 1.0, 1);
  g_autoptr(JsonNode) state = s->klass->save_state (s);
  g_autoptr(GError) error = NULL;
  JsonObject *obj = json_node_get_object (state);

  json_array_remove_element (json_object_get_array_member (obj, "C"), 3);
  g_assert_false (s->klass->load_state (s, obj, "state.optimizer.strategy", &error));
  g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.optimizer.strategy: “C” must have 16 elements"));
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, params);
}

/* CMA-ES reaches 1e-8 on the 10-D sphere and ellipsoid within a generous
 * budget (the figures are in docs/benchmarks.md). */
static void
test_cmaes_solves (void)
{
  gpointer params = params_with (&mdk_cmaes_class, "sigma", "2", NULL);
  MdkEsFunction functions[] = { mdk_es_sphere, mdk_es_ellipsoid };

  for (guint f = 0; f < G_N_ELEMENTS (functions); f++)
    {
      MdkEsStrategy *s = strategy_new (&mdk_cmaes_class, params, 10, 4.0, 1);
      double best;

      mdk_es_minimize (s, 10, functions[f], NULL, 1e-8, 20000, &best);
      g_assert_cmpfloat (best, <=, 1e-8);
      s->klass->free (s);
    }
  mdk_optimizer_params_free (&mdk_cmaes_class, params);
}

/* BBOB f1 and f2: T_osz keeps 0 and ±1 and is increasing; the optimum is
 * drawn per seed in [−4, 4) and never 0; f2 there is 0 and weighs a unit
 * step as the plain ellipsoid does; CMA-ES reaches 1e-8 on f2. */
static void
test_bbob_functions (void)
{
  const guint n = 5;
  double other[5], x[5], prev = -INFINITY;
  gpointer params = params_with (&mdk_cmaes_class, "sigma", "2", "active", "false", NULL);
  g_autoptr(MdkEsBbob) bbob = mdk_es_bbob_new (n, 7);
  const double *xopt = bbob->xopt;
  MdkEsStrategy *s;
  double best;

  g_assert_cmpfloat (mdk_es_bbob_t_osz (0.0), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_t_osz (1.0), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_t_osz (-1.0), -1.0, 1e-15);
  for (double v = -5.0; v <= 5.0; v += 0.01)
    {
      double t = mdk_es_bbob_t_osz (v);
      g_assert_cmpfloat (t, >, prev);
      prev = t;
    }
  g_assert_cmpfloat (fabs (mdk_es_bbob_t_osz (0.5) - 0.5), >, 1e-3);   /* it does oscillate */

  mdk_es_bbob_optimum (n, 8, other);
  g_assert_true (memcmp (xopt, other, sizeof other) != 0);
  mdk_es_bbob_optimum (n, 7, other);
  g_assert_true (memcmp (xopt, other, sizeof other) == 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (xopt[i], >=, -4.0);
      g_assert_cmpfloat (xopt[i], <, 4.0);
      g_assert_cmpfloat (xopt[i], !=, 0.0);
    }
  g_assert_cmpfloat (mdk_es_bbob_f1 (xopt, n, bbob), ==, 0.0);
  g_assert_cmpfloat (mdk_es_bbob_f2 (xopt, n, bbob), ==, 0.0);
  memcpy (x, xopt, sizeof x);
  x[n - 1] += 1.0;
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f2 (x, n, bbob), 1e6, 1e-6);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f1 (x, n, bbob), 1.0, 1e-12);

  s = strategy_new (&mdk_cmaes_class, params, n, 4.0, 7);
  mdk_es_minimize (s, n, mdk_es_bbob_f2, bbob, 1e-8, 20000, &best);
  g_assert_cmpfloat (best, <=, 1e-8);
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_cmaes_class, params);
}

/* The rotations of a BBOB instance are orthogonal, differ from each other
 * and between seeds, and are the same for the same seed. */
static void
test_bbob_rotations (void)
{
  const guint n = 12;
  g_autoptr(MdkEsBbob) a = mdk_es_bbob_new (n, 3);
  g_autoptr(MdkEsBbob) b = mdk_es_bbob_new (n, 4);
  g_autofree double *again = g_new (double, n * n);

  for (guint m = 0; m < 2; m++)
    {
      const double *r = m == 0 ? a->r : a->q;

      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          {
            double dot = 0.0;

            for (guint k = 0; k < n; k++)
              dot += r[i * n + k] * r[j * n + k];
            g_assert_cmpfloat_with_epsilon (dot, i == j ? 1.0 : 0.0, 1e-12);
          }
    }
  g_assert_true (memcmp (a->r, a->q, sizeof (double) * n * n) != 0);
  g_assert_true (memcmp (a->r, b->r, sizeof (double) * n * n) != 0);
  mdk_es_bbob_rotation (n, 3, 2, again);
  g_assert_true (memcmp (a->r, again, sizeof (double) * n * n) == 0);
}

/* f3, f8, f9 and f15 are 0 at their optimum and take known values one
 * step away; T_asy leaves the negative half and the first coordinate
 * alone; with R = Q = I the rotated Rastrigin f15 is the separable f3. */
static void
test_bbob_rosenbrock_rastrigin (void)
{
  const guint n = 6;
  g_autoptr(MdkEsBbob) bbob = mdk_es_bbob_new (n, 11);
  double x[6], zero[6] = { 0 };

  g_assert_cmpfloat (mdk_es_bbob_t_asy (-2.5, n - 1, n), ==, -2.5);
  g_assert_cmpfloat (mdk_es_bbob_t_asy (3.0, 0, n), ==, 3.0);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_t_asy (4.0, n - 1, n), pow (4.0, 1.4), 1e-12);

  /* Rastrigin: f3 and f15 at x_opt, f3 a unit step away in the first and
   * the last coordinate (weights 1 and √10). */
  g_assert_cmpfloat (mdk_es_bbob_f3 (bbob->xopt, n, bbob), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f15 (bbob->xopt, n, bbob), 0.0, 1e-12);
  memcpy (x, bbob->xopt, sizeof x);
  x[0] += 1.0;
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f3 (x, n, bbob), 1.0, 1e-9);
  memcpy (x, bbob->xopt, sizeof x);
  x[n - 1] += 1.0;
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f3 (x, n, bbob), 10.0 + 10.0 * (1.0 - cos (2.0 * G_PI * sqrt (10.0))),
                                  1e-9);

  /* Rosenbrock: f8's optimum is 0.75 x_opt, z = (2, 1, …, 1) one step
   * away gives 100·3² + 1; f9 at 0 has z = (½, …, ½). */
  for (guint i = 0; i < n; i++)
    x[i] = 0.75 * bbob->xopt[i];
  g_assert_cmpfloat (mdk_es_bbob_f8 (x, n, bbob), ==, 0.0);
  x[0] += 1.0;
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f8 (x, n, bbob), 901.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f9 (zero, n, bbob), 6.5 * (n - 1), 1e-12);
  for (guint j = 0; j < n; j++)
    {
      x[j] = 0.0;
      for (guint i = 0; i < n; i++)
        x[j] += 0.5 * bbob->r[i * n + j];
    }
  g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f9 (x, n, bbob), 0.0, 1e-20);

  /* Without the rotations f15 is f3. */
  memset (bbob->r, 0, sizeof (double) * n * n);
  memset (bbob->q, 0, sizeof (double) * n * n);
  for (guint i = 0; i < n; i++)
    bbob->r[i * n + i] = bbob->q[i * n + i] = 1.0;
  for (guint t = 0; t < 20; t++)
    {
      for (guint i = 0; i < n; i++)
        x[i] = bbob->xopt[i] + sin (3.0 * t + i) * 2.0;
      g_assert_cmpfloat_with_epsilon (mdk_es_bbob_f15 (x, n, bbob), mdk_es_bbob_f3 (x, n, bbob), 1e-9);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/es/mlp/parse", test_mlp_parse);
  g_test_add_func ("/core/es/mlp/dense-matches-graph", test_mlp_dense_matches_graph);
  g_test_add_func ("/core/es/mlp/elman", test_mlp_elman);
  g_test_add_func ("/core/es/genome/json", test_genome_json);
  g_test_add_func ("/core/es/cmaes/covariance-spd", test_cmaes_covariance);
  g_test_add_func ("/core/es/cmaes/step-size", test_cmaes_step_size);
  g_test_add_func ("/core/es/cmaes/ipop-restarts", test_cmaes_restarts);
  g_test_add_func ("/core/es/cmaes/bipop", test_cmaes_bipop);
  g_test_add_func ("/core/es/cmaes/bounds", test_cmaes_bounds);
  g_test_add_func ("/core/es/cmaes/max-iter", test_cmaes_max_iter);
  g_test_add_func ("/core/es/cmaes/tol-hist-fun", test_cmaes_tol_hist_fun);
  g_test_add_func ("/core/es/cmaes/stagnation", test_cmaes_stagnation);
  g_test_add_func ("/core/es/cmaes/solves", test_cmaes_solves);
  g_test_add_func ("/core/es/functions/bbob", test_bbob_functions);
  g_test_add_func ("/core/es/functions/bbob-rotations", test_bbob_rotations);
  g_test_add_func ("/core/es/functions/bbob-rosenbrock-rastrigin", test_bbob_rosenbrock_rastrigin);
  g_test_add_func ("/core/es/antithetic-pairs", test_antithetic_pairs);
  g_test_add_func ("/core/es/ga/elitism", test_ga_elitism);
  g_test_add_func ("/core/es/strategy/resume", test_strategy_resume);
  g_test_add_func ("/core/es/strategy/bad-state", test_strategy_bad_state);
  return g_test_run ();
}
