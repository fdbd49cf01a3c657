/* mdk-es.h: evolution strategies as MdkOptimizers
 *
 * Each strategy (CMA-ES, OpenAI-ES, PEPG, a simple GA) is a plain
 * minimizer of a function of n real numbers with an ask/tell interface of
 * its own, MdkEsStrategyClass, which knows nothing of networks: the
 * benchmark runs it on test functions directly.  mdk-es.c wraps any
 * strategy into an MdkOptimizer whose genomes are the weights of a
 * fixed-topology network (MdkEsGenome, MdkMlp): fitness is maximized, so the
 * strategy minimizes −fitness.
 *
 * An ES's parameter struct starts with MdkEsNetworkParams, and its table
 * with MDK_ES_NETWORK_PARAMS (its type): the network rows every ES shares.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stddef.h>

#include "mdk-es-genome.h"
#include "mdk-optimizer.h"
#include "mdk-rng.h"

G_BEGIN_DECLS

#define MDK_ES_ERROR (mdk_es_error_quark ())

typedef enum
{
  MDK_ES_ERROR_PARAMS,
} MdkEsError;

typedef struct
{
  char    *hidden_layers;        /* sizes, "16,16"; "" for none */
  char    *hidden_activations;   /* one activation id, or one per layer */
  int      output_activation;    /* index into mdk_output_activation_choices */
  gboolean biases;
  gboolean recurrent;            /* Elman: the first hidden layer sees its last outputs */
  double   initial_range;        /* the start point is drawn uniformly from ± this */
} MdkEsNetworkParams;

#define MDK_ES_N_NETWORK_PARAMS 6
#define MDK_ES_GROUP_NETWORK N_("Network")

#define MDK_ES_NETWORK_PARAMS(ParamsType) MDK_ES_NETWORK_PARAMS_WITH_RANGE (ParamsType, 0.1)

/* The same rows with another default for the initial weight range. */
#define MDK_ES_NETWORK_PARAMS_WITH_RANGE(ParamsType, range) \
  { "hidden_layers", N_("Hidden layers"), MDK_ES_GROUP_NETWORK, \
    N_("Sizes of the hidden layers, separated by commas (e.g. 16,16); empty for none."), \
    .type = MDK_PARAM_STRING, .def_str = "8", .offset = offsetof (ParamsType, net.hidden_layers) }, \
  { "hidden_activations", N_("Hidden activations"), MDK_ES_GROUP_NETWORK, \
    N_("Activation of the hidden layers: one id for all (e.g. tanh), or one per layer separated by commas."), \
    .type = MDK_PARAM_STRING, .def_str = "tanh", .offset = offsetof (ParamsType, net.hidden_activations) }, \
  { "output_activation", N_("Output activation"), MDK_ES_GROUP_NETWORK, \
    N_("Activation function of the output layer."), \
    .type = MDK_PARAM_CHOICE, .def = 0, .offset = offsetof (ParamsType, net.output_activation), \
    .choices = mdk_output_activation_choices }, \
  { "biases", N_("Biases"), MDK_ES_GROUP_NETWORK, \
    N_("Give every hidden and output unit a bias."), \
    .type = MDK_PARAM_BOOL, .min = 0, .max = 1, .def = TRUE, .offset = offsetof (ParamsType, net.biases) }, \
  { "recurrent", N_("Recurrent (Elman) layer"), MDK_ES_GROUP_NETWORK, \
    N_("The first hidden layer also sees its own outputs of the previous step (Elman, 1990); needs a hidden layer."), \
    .type = MDK_PARAM_BOOL, .min = 0, .max = 1, .def = FALSE, .offset = offsetof (ParamsType, net.recurrent) }, \
  { "initial_range", N_("Initial weight range"), MDK_ES_GROUP_NETWORK, \
    N_("The search starts from weights drawn uniformly from ± this value (0: all zero)."), \
    .type = MDK_PARAM_DOUBLE, .min = 0.0, .max = 100.0, .def = range, .offset = offsetof (ParamsType, net.initial_range) }

/* The problem a strategy minimizes: n variables, starting from
 * @center + U(−init_range, init_range)ⁿ (a NULL center is the origin; the
 * strategy draws the start from its own random stream, and restarts draw a
 * new one the same way). */
typedef struct
{
  guint         n;
  const double *center;
  double        init_range;
  guint64       seed;
  guint         n_behaviour;   /* the task's behaviour descriptor's length */
} MdkEsProblem;

typedef struct _MdkEsStrategy MdkEsStrategy;
typedef struct _MdkEsStrategyClass MdkEsStrategyClass;

struct _MdkEsStrategyClass
{
  /* @params: the ES's whole parameter struct. */
  MdkEsStrategy *(*create)     (gconstpointer          params,
                                const MdkEsProblem    *problem,
                                GError               **error);
  void           (*free)       (MdkEsStrategy         *s);
  /* λ points to evaluate, row after row (λ × n), valid until tell (). */
  guint          (*ask)        (MdkEsStrategy         *s,
                                const double         **points);
  /* Their values, to minimize, all finite; @ids name the points for the
   * lineage (may be NULL). */
  void           (*tell)       (MdkEsStrategy         *s,
                                const double          *values,
                                const guint64         *ids);
  /* Why to stop (an untranslated N_() string), or NULL. */
  const char    *(*get_stop)   (const MdkEsStrategy   *s);
  /* The current centre of the search (the mean; for a GA its best). */
  const double  *(*get_center) (const MdkEsStrategy   *s);
  /* The optimizer class's statistics (MdkStatSpec), in order. */
  void           (*get_stats)  (const MdkEsStrategy   *s,
                                double                *stats);
  /* Optional: how point @i of the last ask () was made, from the ids told. */
  void           (*get_origin) (const MdkEsStrategy   *s,
                                guint                  i,
                                guint8                *origin,
                                guint64               *parent1,
                                guint64               *parent2);
  /* Optional, for strategies that search over behaviours (MAP-Elites):
   * called before tell () with the told points' behaviour descriptors,
   * n_behaviour numbers each, row after row (NaN for a point whose fitness
   * was not finite). */
  void           (*set_behaviours) (MdkEsStrategy     *s,
                                    const double      *behaviours);
  /* Optional: a copy of the strategy's map of elites, for the views. */
  MdkEliteMap   *(*dup_map)    (const MdkEsStrategy   *s);
  /* Optional: the @i-th point the strategy keeps from one generation to
   * the next (a GA's elites, MAP-Elites' map), with its id and fitness
   * (NaN: not known), for exports; NULL past the last. */
  const double  *(*get_kept)   (const MdkEsStrategy   *s,
                                guint                  i,
                                guint64               *id,
                                double                *fitness);
  /* Between a tell () and the next ask (); @path names @state in errors. */
  JsonNode      *(*save_state) (const MdkEsStrategy   *s);
  gboolean       (*load_state) (MdkEsStrategy         *s,
                                JsonObject            *state,
                                const char            *path,
                                GError               **error);
};

struct _MdkEsStrategy
{
  const MdkEsStrategyClass *klass;
};

GQuark   mdk_es_error_quark        (void);

/* The shared parts of the strategies. */
void     mdk_es_start_point        (const MdkEsProblem *problem,
                                    MdkRng             *rng,
                                    double             *x);
void     mdk_es_rank               (const double       *values,
                                    guint               n,
                                    guint              *order);
JsonNode *mdk_es_vector_to_json    (const double       *v,
                                    gsize               n);
gboolean mdk_es_vector_from_json   (JsonObject         *obj,
                                    const char         *member,
                                    const char         *path,
                                    double             *v,
                                    gsize               n,
                                    GError            **error);
gboolean mdk_es_rng_from_json      (JsonObject         *obj,
                                    const char         *member,
                                    const char         *path,
                                    MdkRng             *rng,
                                    GError            **error);

/* Minimizes @f on @problem's start region until @f falls to @target, the
 * strategy stops, or @max_evaluations pass; returns the evaluations used,
 * and the best value in @best.  For the benchmark and the tests. */
typedef double (*MdkEsFunction) (const double *x,
                                 guint         n,
                                 gpointer      data);

guint64  mdk_es_minimize           (MdkEsStrategy      *s,
                                    guint               n,
                                    MdkEsFunction       f,
                                    gpointer            data,
                                    double              target,
                                    guint64             max_evaluations,
                                    double             *best);

/* The MdkOptimizerClass functions every ES shares (class_data is its
 * MdkEsStrategyClass). */
MdkOptimizer *mdk_es_create        (const MdkOptimizerClass *klass,
                                    gconstpointer            params,
                                    const MdkTask           *task,
                                    guint64                  seed,
                                    GError                 **error);
void          mdk_es_free          (MdkOptimizer            *opt);
guint         mdk_es_ask           (MdkOptimizer            *opt,
                                    gconstpointer          **genomes);
void          mdk_es_tell          (MdkOptimizer            *opt,
                                    const MdkEvalResult     *results,
                                    guint                    n_results);
void          mdk_es_decode        (const MdkOptimizer      *opt,
                                    gconstpointer            genome,
                                    MdkNetwork              *net);
const char   *mdk_es_get_stop      (const MdkOptimizer      *opt);
void          mdk_es_get_stats     (const MdkOptimizer      *opt,
                                    MdkPopulationStats      *stats);
gpointer      mdk_es_dup_genome    (const MdkOptimizer      *opt,
                                    gconstpointer            genome);
void          mdk_es_free_genome   (gpointer                 genome);
JsonNode     *mdk_es_genome_to_json_vfunc (const MdkOptimizer *opt,
                                           gconstpointer       genome);
gboolean      mdk_es_set_params    (MdkOptimizer            *opt,
                                    gconstpointer            params,
                                    GError                 **error);
guint         mdk_es_get_evaluated (const MdkOptimizer      *opt,
                                    gconstpointer          **genomes);
void          mdk_es_describe      (const MdkOptimizerClass *klass,
                                    gconstpointer            genome,
                                    MdkGenomeInfo           *info);
JsonNode     *mdk_es_save_state    (const MdkOptimizer      *opt);
gboolean      mdk_es_load_state    (MdkOptimizer            *opt,
                                    JsonNode                *state,
                                    GError                 **error);
gpointer      mdk_es_genome_from_json_vfunc (const MdkOptimizer *opt,
                                             JsonNode           *node,
                                             GError            **error);
gpointer      mdk_es_to_graph      (gconstpointer            genome);
void          mdk_es_pack_genome   (const MdkOptimizer      *opt,
                                    gconstpointer            genome,
                                    GByteArray              *out);
gpointer      mdk_es_unpack_genome (const MdkOptimizer      *opt,
                                    MdkByteReader           *in);
MdkEliteMap  *mdk_es_dup_map       (const MdkOptimizer      *opt);
GPtrArray    *mdk_es_dup_kept      (const MdkOptimizer      *opt);

MdkEsStrategy *mdk_es_get_strategy (const MdkOptimizer      *opt);
const MdkMlp  *mdk_es_get_mlp      (const MdkOptimizer      *opt);

#define MDK_ES_OPTIMIZER_VFUNCS \
  .create = mdk_es_create, \
  .free = mdk_es_free, \
  .ask = mdk_es_ask, \
  .tell = mdk_es_tell, \
  .decode = mdk_es_decode, \
  .get_stop = mdk_es_get_stop, \
  .get_stats = mdk_es_get_stats, \
  .dup_genome = mdk_es_dup_genome, \
  .free_genome = mdk_es_free_genome, \
  .genome_to_json = mdk_es_genome_to_json_vfunc, \
  .set_params = mdk_es_set_params, \
  .get_evaluated = mdk_es_get_evaluated, \
  .describe = mdk_es_describe, \
  .save_state = mdk_es_save_state, \
  .load_state = mdk_es_load_state, \
  .genome_from_json = mdk_es_genome_from_json_vfunc, \
  .to_graph = mdk_es_to_graph, \
  .pack_genome = mdk_es_pack_genome, \
  .unpack_genome = mdk_es_unpack_genome, \
  .dup_map = mdk_es_dup_map, \
  .dup_kept = mdk_es_dup_kept

G_END_DECLS
