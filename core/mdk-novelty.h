/* mdk-novelty.h: novelty search, the run's search objective
 *
 * Novelty search (Lehman & Stanley 2011) rewards behaviour that differs
 * from what the search has seen: the novelty of a genome is the mean
 * distance of its behaviour descriptor (MdkEvalResult.behaviour) to its
 * k nearest neighbours among the rest of its generation and an archive of
 * past novel behaviours.  The run (mdk-run.c) puts it between evaluation
 * and tell (): the optimizer selects on the search score (novelty, or a
 * weighted mix with fitness) while the history, the champion and "solved"
 * keep the task's own fitness, so it works with NEAT, the GA and any
 * other optimizer.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-optimizer.h"
#include "mdk-param.h"
#include "mdk-task.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_OBJECTIVE_FITNESS,   /* the task's fitness alone: no novelty layer */
  MDK_OBJECTIVE_NOVELTY,   /* novelty alone */
  MDK_OBJECTIVE_MIX,       /* (1 − w) · normalised fitness + w · normalised novelty */
} MdkObjective;

typedef enum
{
  MDK_ARCHIVE_THRESHOLD,   /* novelty above a dynamic threshold (the paper's) */
  MDK_ARCHIVE_RANDOM,      /* each genome with a fixed probability */
} MdkArchiveRule;

typedef struct
{
  int    objective;          /* MdkObjective */
  double weight;             /* MDK_OBJECTIVE_MIX: novelty's weight w */
  int    k;                  /* nearest neighbours */
  int    archive_rule;       /* MdkArchiveRule */
  double threshold;          /* the archive threshold ρ_min at the start */
  double threshold_floor;
  int    lower_after;        /* generations without additions … */
  double lower_factor;       /* … then ρ_min is multiplied by this */
  int    raise_above;        /* more additions in one generation … */
  double raise_factor;       /* … and ρ_min is multiplied by this */
  double add_probability;    /* MDK_ARCHIVE_RANDOM */
} MdkNoveltyParams;

#define MDK_NOVELTY_N_PARAMS 11
extern const MdkParamSpec mdk_novelty_param_table[MDK_NOVELTY_N_PARAMS];

/* The statistics it adds to the history: archive size, threshold. */
#define MDK_NOVELTY_N_STATS 2
extern const MdkStatSpec mdk_novelty_stats[MDK_NOVELTY_N_STATS];

typedef struct _MdkNovelty MdkNovelty;

MdkNovelty   *mdk_novelty_new           (const MdkNoveltyParams *params,
                                         guint                   n_behaviour,
                                         guint64                 seed);
void          mdk_novelty_free          (MdkNovelty             *self);

/* One generation: the novelty of each of @n results (NaN for a behaviour
 * that is not finite), then the archive additions and the threshold's
 * adaptation. */
void          mdk_novelty_step          (MdkNovelty             *self,
                                         const MdkEvalResult    *results,
                                         guint                   n,
                                         double                 *novelty);
/* What the optimizer is told instead of the fitness of each result. */
void          mdk_novelty_scores        (const MdkNoveltyParams *params,
                                         const MdkEvalResult    *results,
                                         const double           *novelty,
                                         guint                   n,
                                         double                 *scores);
/* The mean distance of @point to its @k nearest among the @n_points
 * points (row after row) and the archive's, skipping @self_index (G_MAXUINT:
 * none) and points that are not finite; 0 without neighbours. */
double        mdk_novelty_of            (const MdkNovelty       *self,
                                         const double           *point,
                                         const double           *points,
                                         guint                   n_points,
                                         guint                   self_index);

guint         mdk_novelty_get_dims      (const MdkNovelty       *self);
/* The archive's behaviours, n_behaviour numbers each. */
const double *mdk_novelty_get_archive   (const MdkNovelty       *self,
                                         guint                  *n_points);
double        mdk_novelty_get_threshold (const MdkNovelty       *self);
/* MDK_NOVELTY_N_STATS values, in the order of mdk_novelty_stats. */
void          mdk_novelty_get_stats     (const MdkNovelty       *self,
                                         double                 *stats);

/* Resume (docs/formats.md, "Run state"): the archive, the threshold, its
 * counter and the random numbers. */
JsonNode     *mdk_novelty_save_state    (const MdkNovelty       *self);
gboolean      mdk_novelty_load_state    (MdkNovelty             *self,
                                         JsonNode               *node,
                                         const char             *path,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkNovelty, mdk_novelty_free)

G_END_DECLS
