/* mdk-optimizer.h: the ask/tell interface every search algorithm implements
 *
 * ask () hands out a batch of genomes to evaluate, tell () takes their
 * results in the same order, get_stop () says why to stop (or NULL).  NEAT and
 * the evolution strategies implement the same vtable so that the runner, the
 * CLI, the tests and the UI drive them alike (DESIGN.md).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-columns.h"
#include "mdk-elite-map.h"
#include "mdk-network.h"
#include "mdk-param.h"
#include "mdk-task.h"

G_BEGIN_DECLS

typedef struct _MdkOptimizer MdkOptimizer;
typedef struct _MdkOptimizerClass MdkOptimizerClass;

/* Phased search (NEAT): which phase bred a generation; none when the
 * algorithm does not search in phases. */
typedef enum
{
  MDK_SEARCH_PHASE_NONE,
  MDK_SEARCH_PHASE_COMPLEXIFY,
  MDK_SEARCH_PHASE_SIMPLIFY,
} MdkSearchPhase;

/* A statistic of the algorithm's own, reported after each tell () besides
 * the common ones (e.g. the step size of CMA-ES): a column of the history,
 * plotted by the studio. */
typedef struct
{
  const char *id;          /* the history.csv column */
  const char *label;       /* N_() */
  const char *help;        /* N_() */
  gboolean    log_scale;   /* spans orders of magnitude */
} MdkStatSpec;

#define MDK_MAX_ALGORITHM_STATS 4

/* What an optimizer knows about its population after tell (). */
typedef struct
{
  guint  n_species;
  double mean_hidden;         /* hidden nodes */
  double mean_connections;    /* enabled connections */
  guint  champion_hidden;     /* of this generation's best genome */
  guint  champion_connections;
  MdkSearchPhase phase;       /* in which this generation was bred */
  double extra[MDK_MAX_ALGORITHM_STATS];   /* the class's stats, in order */
} MdkPopulationStats;

/* A species as the last tell () saw it (before dead species were removed). */
typedef struct
{
  guint32       id;
  guint         size;
  double        best_fitness;       /* this generation */
  double        mean_fitness;
  guint         age;                /* generations */
  guint         since_improved;     /* generations without a new best */
  guint         offspring;          /* 0: the species dies */
  gconstpointer champion;           /* borrowed, valid until the next tell () */
} MdkSpeciesInfo;

/* MdkGenomeInfo.origin: NEAT's MdkNeatOrigin values, and this one for a
 * genome drawn from a search distribution (evolution strategies). */
#define MDK_GENOME_ORIGIN_SAMPLED 16

/* What any view may know about a genome, whatever its kind. */
typedef struct
{
  guint64 id;
  guint64 parent1;        /* 0: none */
  guint64 parent2;        /* 0: none */
  guint   origin;         /* MdkNeatOrigin for NEAT */
  guint   mutations;      /* MdkNeatMutation bits for NEAT */
  guint   generation;     /* born in */
  guint32 species_id;
  double  fitness;        /* NAN before evaluation */
  guint   hidden;
  guint   connections;    /* enabled */
} MdkGenomeInfo;

struct _MdkOptimizerClass
{
  const char         *id;
  const char         *label;          /* N_() */
  const char         *description;    /* N_() */
  const MdkParamSpec *params;
  guint               n_params;
  gsize               params_size;
  const MdkStatSpec  *stats;          /* MdkPopulationStats.extra, or NULL */
  guint               n_stats;        /* at most MDK_MAX_ALGORITHM_STATS */
  gconstpointer       class_data;     /* the class's own, e.g. an ES's strategy */

  MdkOptimizer *(*create)       (const MdkOptimizerClass *klass,
                                 gconstpointer            params,
                                 const MdkTask           *task,
                                 guint64                  seed,
                                 GError                 **error);
  void          (*free)         (MdkOptimizer            *opt);
  /* Borrowed genomes, valid until the next tell (); the array itself
   * until the next ask (). */
  guint         (*ask)          (MdkOptimizer            *opt,
                                 gconstpointer          **genomes);
  void          (*tell)         (MdkOptimizer            *opt,
                                 const MdkEvalResult     *results,
                                 guint                    n_results);
  /* Thread-safe on distinct networks: called from evaluator threads.  A
   * genome decodes alone: @opt may be NULL (views decode their copies). */
  void          (*decode)       (const MdkOptimizer      *opt,
                                 gconstpointer            genome,
                                 MdkNetwork              *net);
  const char   *(*get_stop)     (const MdkOptimizer      *opt);
  void          (*get_stats)    (const MdkOptimizer      *opt,
                                 MdkPopulationStats      *stats);
  /* These two: @opt may be NULL, as views hold genome copies, not the run. */
  gpointer      (*dup_genome)   (const MdkOptimizer      *opt,
                                 gconstpointer            genome);
  void          (*free_genome)  (gpointer                 genome);
  JsonNode     *(*genome_to_json) (const MdkOptimizer    *opt,
                                   gconstpointer          genome);
  gboolean      (*set_params)   (MdkOptimizer            *opt,
                                 gconstpointer            params,
                                 GError                 **error);
  /* What the last tell () saw: borrowed, valid until the next tell (). */
  GArray       *(*get_species)  (const MdkOptimizer      *opt);
  guint         (*get_evaluated) (const MdkOptimizer     *opt,
                                  gconstpointer         **genomes);
  void          (*describe)     (const MdkOptimizerClass *klass,
                                 gconstpointer            genome,
                                 MdkGenomeInfo           *info);
  /* Resume (docs/formats.md, "Run state"): everything needed to continue
   * exactly, taken between generations (after a tell, before the next ask).
   * load_state () applies it to an optimizer just created for the same task;
   * error messages name members by their path below the state object. NULL
   * when the algorithm cannot save its state. */
  JsonNode     *(*save_state)   (const MdkOptimizer      *opt);
  gboolean      (*load_state)   (MdkOptimizer            *opt,
                                 JsonNode                *state,
                                 GError                 **error);
  /* A genome from its genome_to_json () form, checked against the task and
   * the parameters of @opt. */
  gpointer      (*genome_from_json) (const MdkOptimizer  *opt,
                                     JsonNode            *node,
                                     GError             **error);
  /* Optional: evaluates one genome of the batch ask () handed out, in place
   * of decode and mdk_task_evaluate (); NEAT trains the network by backprop
   * first and may write what it learned back into the genome, which belongs
   * to the optimizer and which no other thread touches meanwhile.
   * Thread-safe on distinct genomes and networks, like decode. */
  void          (*evaluate)     (const MdkOptimizer      *opt,
                                 gconstpointer            genome,
                                 MdkNetwork              *net,
                                 const MdkTask           *task,
                                 MdkRng                  *rng,
                                 MdkEvalResult           *result);
  /* Optional, for algorithms whose genomes are not NEAT graphs: the genome
   * as a NEAT graph (an MdkNeatGenome, owned by the caller) that the views
   * can draw but evolution never sees. */
  gpointer      (*to_graph)     (gconstpointer            genome);
  /* Optional, for evaluation in other processes (MPI): what decode () needs
   * of @genome as compact little-endian bytes appended to @out, and back: a
   * genome that decodes to the same network, for decode () and
   * free_genome () only; NULL if the bytes are not one (docs/formats.md,
   * "Genomes in transit"). */
  /* TRUE when ask () hands out what the last tell () made and changes
   * nothing (NEAT): the run may then ask early, so that other processes
   * start on the next generation while this one ends (its solution test);
   * such a tell () calls MdkOptimizer.made for each genome it makes. */
  gboolean        ask_is_pure;
  void          (*pack_genome)  (const MdkOptimizer      *opt,
                                 gconstpointer            genome,
                                 GByteArray              *out);
  gpointer      (*unpack_genome) (const MdkOptimizer     *opt,
                                  MdkByteReader          *in);
  /* Optional, for algorithms that keep a map of elites over the behaviour
   * space (MAP-Elites): a copy for the views, or NULL. */
  MdkEliteMap  *(*dup_map)      (const MdkOptimizer      *opt);
  /* Optional: copies of the genomes the algorithm keeps from one
   * generation to the next, with their ids (NEAT's population to come, a
   * GA's elites, MAP-Elites' map), freed by free_genome (); for exporting
   * a genome by id.  NULL when it keeps none. */
  GPtrArray    *(*dup_kept)     (const MdkOptimizer      *opt);
};

/* A genome of the next batch, as tell () makes it: its place in the batch
 * and the genome, final (borrowed, valid until the next tell ()). */
typedef void (*MdkMadeFunc) (guint          index,
                             gconstpointer  genome,
                             gpointer       user_data);

struct _MdkOptimizer
{
  const MdkOptimizerClass *klass;
  /* Optional, for algorithms whose ask () is pure: told of each genome of
   * the next batch as tell () makes it (NEAT's reproduction), so that its
   * evaluation can start elsewhere while tell () goes on. */
  MdkMadeFunc              made;
  gpointer                 made_data;
};

/* "complexify", "simplify", or "" for none (as in history.csv). */
const char              *mdk_search_phase_to_id              (MdkSearchPhase           phase);

const MdkOptimizerClass * const *mdk_optimizer_classes       (guint                   *n_classes);
const MdkOptimizerClass *mdk_optimizer_class_lookup          (const char              *id);
gpointer                 mdk_optimizer_params_new            (const MdkOptimizerClass *klass);
void                     mdk_optimizer_params_free           (const MdkOptimizerClass *klass,
                                                              gpointer                 params);
gpointer                 mdk_optimizer_params_dup            (const MdkOptimizerClass *klass,
                                                              gconstpointer            params);

MdkOptimizer            *mdk_optimizer_new                   (const MdkOptimizerClass *klass,
                                                              gconstpointer            params,
                                                              const MdkTask           *task,
                                                              guint64                  seed,
                                                              GError                 **error);
void                     mdk_optimizer_free                  (MdkOptimizer            *opt);
JsonNode                *mdk_optimizer_genome_document       (const MdkOptimizerClass *klass,
                                                              gconstpointer            genome,
                                                              const char * const      *input_names,
                                                              const char * const      *output_names,
                                                              double                   fitness);

static inline guint
mdk_optimizer_ask (MdkOptimizer   *opt,
                   gconstpointer **genomes)
{
  return opt->klass->ask (opt, genomes);
}

static inline void
mdk_optimizer_tell (MdkOptimizer        *opt,
                    const MdkEvalResult *results,
                    guint                n_results)
{
  opt->klass->tell (opt, results, n_results);
}

static inline void
mdk_optimizer_decode (const MdkOptimizer *opt,
                      gconstpointer       genome,
                      MdkNetwork         *net)
{
  opt->klass->decode (opt, genome, net);
}

/* What the evaluator does for each genome of a batch. */
static inline void
mdk_optimizer_evaluate (const MdkOptimizer *opt,
                        gconstpointer       genome,
                        MdkNetwork         *net,
                        const MdkTask      *task,
                        MdkRng             *rng,
                        MdkEvalResult      *result)
{
  if (opt->klass->evaluate != NULL)
    {
      opt->klass->evaluate (opt, genome, net, task, rng, result);
      return;
    }
  opt->klass->decode (opt, genome, net);
  mdk_task_evaluate (task, net, rng, result);
}

extern const MdkOptimizerClass mdk_neat_class;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkOptimizer, mdk_optimizer_free)

G_END_DECLS
