#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat.h"

#include "mdk-neat-backprop.h"
#include "mdk-neat-pack.h"
#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  MdkOptimizer       parent;
  MdkNeatParams      params;
  MdkActivation      output_activation;
  guint              n_inputs;
  guint              n_outputs;
  MdkRng             rng;
  MdkNeatInnovation *tracker;
  GPtrArray         *population;    /* MdkNeatGenome*, the batch being evaluated */
  GPtrArray         *spare;         /* recycled genomes */
  GPtrArray         *species;       /* MdkNeatSpecies* */
  gconstpointer     *batch;
  GPtrArray         *evaluated;     /* the last told generation, borrowed from spare */
  GArray            *species_info;  /* MdkSpeciesInfo of the last tell */
  GPtrArray         *shown_champions; /* their champions when loaded, not told */
  guint32            next_species_id;
  guint64            next_genome_id;
  guint              generation;
  double             threshold;     /* δt, steered when target_species > 0 */
  MdkPopulationStats stats;

  /* Phased search: the phase that breeds the next generation, the mean
   * complexity when complexifying last began, and while simplifying the
   * lowest mean so far and the generations since it was reached. */
  gboolean           simplifying;
  double             phase_base;
  double             phase_lowest;
  guint              phase_stall;
} MdkNeat;

#define NEAT(o) ((MdkNeat *) (o))

static MdkNeatGenome *
take_spare (MdkNeat *self)
{
  if (self->spare->len > 0)
    return g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  return g_new0 (MdkNeatGenome, 1);
}

static void
stamp (MdkNeat       *self,
       MdkNeatGenome *child,
       MdkNeatOrigin  origin,
       guint64        parent1,
       guint64        parent2)
{
  child->id = self->next_genome_id++;
  child->parent1 = parent1;
  child->parent2 = parent2;
  child->origin = origin;
  child->birth_generation = self->generation;
  child->fitness = 0.0;
  child->fitness_valid = FALSE;
  child->species_id = 0;
}

static MdkOptimizer *
neat_create (const MdkOptimizerClass *klass,
             gconstpointer            params,
             const MdkTask           *task,
             guint64                  seed,
             GError                 **error)
{
  MdkNeat *self = g_new0 (MdkNeat, 1);
  guint first_hidden;

  self->parent.klass = klass;
  memcpy (&self->params, params, sizeof (MdkNeatParams));
  self->n_inputs = task->n_inputs;
  self->n_outputs = task->n_outputs;
  self->output_activation = self->params.output_activation == 0
                            ? task->klass->output_activation
                            : (MdkActivation) (self->params.output_activation - 1);
  mdk_rng_init (&self->rng, seed);

  /* Start genomes number their connections 1 … (n_inputs + 1)·n_outputs. */
  first_hidden = self->n_inputs + 1 + self->n_outputs;
  self->tracker = mdk_neat_innovation_new ((self->n_inputs + 1) * self->n_outputs + 1, first_hidden);
  self->population = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  self->species = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_species_free);
  self->next_species_id = 1;
  self->next_genome_id = 1;
  self->threshold = self->params.compat_threshold;
  self->phase_base = NAN;
  self->phase_lowest = NAN;

  for (int i = 0; i < self->params.population_size; i++)
    {
      MdkNeatGenome *g = mdk_neat_genome_new_minimal (self->n_inputs, self->n_outputs,
                                                      self->output_activation,
                                                      self->params.initial_weight_range,
                                                      &self->rng);
      stamp (self, g, MDK_NEAT_ORIGIN_INITIAL, 0, 0);
      g_ptr_array_add (self->population, g);
    }
  self->batch = g_new (gconstpointer, self->params.population_size);
  self->evaluated = g_ptr_array_new ();
  self->species_info = g_array_new (FALSE, FALSE, sizeof (MdkSpeciesInfo));
  self->shown_champions = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  return &self->parent;
}

static void
neat_free (MdkOptimizer *opt)
{
  MdkNeat *self = NEAT (opt);

  mdk_neat_innovation_free (self->tracker);
  g_ptr_array_unref (self->population);
  g_ptr_array_unref (self->spare);
  g_ptr_array_unref (self->species);
  g_free (self->batch);
  g_ptr_array_unref (self->evaluated);
  g_array_unref (self->species_info);
  g_ptr_array_unref (self->shown_champions);
  g_free (self);
}

static guint
neat_ask (MdkOptimizer   *opt,
          gconstpointer **genomes)
{
  MdkNeat *self = NEAT (opt);

  self->batch = g_renew (gconstpointer, self->batch, MAX (self->population->len, 1));
  for (guint i = 0; i < self->population->len; i++)
    self->batch[i] = self->population->pdata[i];
  *genomes = self->batch;
  return self->population->len;
}

/* Fitter first; genomes the task could not score (NaN, ±inf) last; ties by
 * id so the order never depends on the sort algorithm. */
static int
compare_fitness_desc (gconstpointer a,
                      gconstpointer b)
{
  const MdkNeatGenome *ga = *(MdkNeatGenome * const *) a;
  const MdkNeatGenome *gb = *(MdkNeatGenome * const *) b;

  if (ga->fitness_valid != gb->fitness_valid)
    return ga->fitness_valid ? -1 : 1;
  if (ga->fitness > gb->fitness)
    return -1;
  if (ga->fitness < gb->fitness)
    return 1;
  return ga->id < gb->id ? -1 : (ga->id > gb->id ? 1 : 0);
}

static void
speciate (MdkNeat *self)
{
  /* The representatives' innovation masks, in the order of the species. */
  g_autoptr(GArray) masks = g_array_sized_new (FALSE, FALSE, sizeof (guint64), self->species->len);

  for (guint s = 0; s < self->species->len; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      guint64 mask = mdk_neat_genome_innovation_mask (sp->representative);

      g_ptr_array_set_size (sp->members, 0);
      g_array_append_val (masks, mask);
    }

  for (guint i = 0; i < self->population->len; i++)
    {
      MdkNeatGenome *g = self->population->pdata[i];
      guint64 mask = mdk_neat_genome_innovation_mask (g);
      MdkNeatSpecies *home = NULL;

      /* The first species within δt, as in the paper. */
      for (guint s = 0; s < self->species->len && home == NULL; s++)
        {
          MdkNeatSpecies *sp = self->species->pdata[s];
          if (mdk_neat_genome_compatible (g, sp->representative, mask, g_array_index (masks, guint64, s),
                                          &self->params, self->threshold))
            home = sp;
        }
      if (home == NULL)
        {
          home = mdk_neat_species_new (self->next_species_id++, g, self->generation);
          g_ptr_array_add (self->species, home);
          g_array_append_val (masks, mask);
        }
      g->species_id = home->id;
      g_ptr_array_add (home->members, g);
    }

  for (guint s = self->species->len; s > 0; s--)
    if (((MdkNeatSpecies *) self->species->pdata[s - 1])->members->len == 0)
      g_ptr_array_remove_index (self->species, s - 1);

  /* Steer δt toward the target species count (applies next generation). */
  if (self->params.target_species > 0)
    {
      if (self->species->len < (guint) self->params.target_species)
        self->threshold -= self->params.compat_threshold_step;
      else if (self->species->len > (guint) self->params.target_species)
        self->threshold += self->params.compat_threshold_step;
      /* Never zero or negative, but never raised when species are too few. */
      if (self->threshold < 0.01)
        self->threshold = MIN (0.01, self->threshold + self->params.compat_threshold_step);
    }
}

/* Offspring in proportion to each species' mean (shifted) fitness, i.e. its
 * summed explicitly shared fitness (paper, section 3.3).  Rounding by largest
 * remainder keeps the population size exact. */
static void
allot_offspring (MdkNeat        *self,
                 MdkNeatSpecies *best_species,
                 double          min_fitness,
                 double          max_fitness)
{
  guint n = self->species->len;
  guint pop = self->params.population_size;
  g_autofree double *share = g_new0 (double, n);
  double total = 0.0, offset, half_range;
  guint assigned = 0;

  /* Shares use fitness mapped to [0, 1]: divided by the maximum when all
   * fitness is non-negative (proportions unchanged, as in the paper), else
   * shifted by the minimum first so none is negative.  Working with halves
   * keeps max − min finite even for fitness near ±DBL_MAX. */
  offset = min_fitness < 0.0 ? min_fitness : 0.0;
  half_range = 0.5 * max_fitness - 0.5 * offset;
  if (!(half_range > 0.0))
    half_range = 1.0;

  for (guint s = 0; s < n; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      gboolean stagnant = self->generation - sp->last_improved >= (guint) self->params.stagnation_limit;
      double mean = 0.0;

      for (guint m = 0; m < sp->members->len; m++)
        {
          double f = ((MdkNeatGenome *) sp->members->pdata[m])->fitness;
          double v = (0.5 * f - 0.5 * offset) / half_range;
          mean += CLAMP (v, 0.0, 1.0) / sp->members->len;
        }
      sp->adjusted = mean;
      sp->offspring = 0;
      if (!stagnant || sp == best_species)
        {
          /* A tiny floor keeps all-zero fitness from starving everyone. */
          share[s] = sp->adjusted + 1e-12;
          total += share[s];
        }
    }

  for (guint s = 0; s < n; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      share[s] = total > 0.0 ? pop * share[s] / total : 0.0;
      sp->offspring = (guint) floor (share[s]);
      share[s] -= sp->offspring;
      assigned += sp->offspring;
    }
  while (assigned < pop)
    {
      guint pick = 0;
      double best = -1.0;
      for (guint s = 0; s < n; s++)
        if (share[s] > best)
          {
            best = share[s];
            pick = s;
          }
      ((MdkNeatSpecies *) self->species->pdata[pick])->offspring++;
      share[pick] = -0.5;   /* at most one extra each, then round again */
      assigned++;
    }
}

static MdkNeatGenome *
random_parent (MdkNeat        *self,
               MdkNeatSpecies *sp,
               guint           pool)
{
  return sp->members->pdata[mdk_rng_below (&self->rng, pool)];
}

static guint
pool_size (const MdkNeat        *self,
           const MdkNeatSpecies *sp)
{
  guint pool = (guint) ceil (self->params.survival_threshold * sp->members->len);

  return CLAMP (pool, 1, sp->members->len);
}

/* A finished child joins the next generation, in the order ask () will
 * hand it out. */
static void
add_child (MdkNeat       *self,
           GPtrArray     *next,
           MdkNeatGenome *child)
{
  g_ptr_array_add (next, child);
  if (self->parent.made != NULL)
    self->parent.made (next->len - 1, child, self->parent.made_data);
}

static void
reproduce (MdkNeat   *self,
           GPtrArray *next)
{
  MdkNeatParams simplify;
  const MdkNeatParams *params = &self->params;

  /* Simplifying as SharpNEAT does (NeatReproductionAsexualSettings.
   * CreateSimplifyingSettings, NeatEvolutionAlgorithmSettings.
   * CreateSimplifyingSettings): offspring from mutation alone, no new
   * structure, a connection deleted with phase_delete_rate. */
  if (self->simplifying)
    {
      simplify = self->params;
      simplify.mutation_only_prob = 1.0;
      simplify.add_node_rate = 0.0;
      simplify.add_connection_rate = 0.0;
      simplify.delete_connection_rate = self->params.phase_delete_rate;
      params = &simplify;
    }

  for (guint s = 0; s < self->species->len; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      guint pool = pool_size (self, sp);
      guint k = sp->offspring;

      if (k == 0)
        continue;

      /* The champion of a species with more than five members is copied
       * unchanged (paper, section 4.1). */
      if (sp->members->len > (guint) params->elitism_min_species_size)
        {
          MdkNeatGenome *champ = sp->members->pdata[0];
          MdkNeatGenome *child = take_spare (self);
          guint64 id = champ->id;

          mdk_neat_genome_copy_into (child, champ);
          stamp (self, child, MDK_NEAT_ORIGIN_ELITE, id, 0);
          child->mutations = 0;
          add_child (self, next, child);
          k--;
        }

      while (k-- > 0)
        {
          MdkNeatGenome *child = take_spare (self);
          MdkNeatGenome *mom = random_parent (self, sp, pool);

          if (pool == 1 || mdk_rng_chance (&self->rng, params->mutation_only_prob))
            {
              mdk_neat_genome_copy_into (child, mom);
              stamp (self, child, MDK_NEAT_ORIGIN_MUTATION, mom->id, 0);
              child->mutations = 0;
              mdk_neat_genome_mutate (child, params, self->tracker, &self->rng);
            }
          else
            {
              MdkNeatGenome *dad;
              MdkNeatOrigin origin = MDK_NEAT_ORIGIN_CROSSOVER;

              if (self->species->len > 1 &&
                  mdk_rng_chance (&self->rng, params->interspecies_mating_rate))
                {
                  /* As the reference code: the champion of another species. */
                  guint other = mdk_rng_below (&self->rng, self->species->len - 1);
                  MdkNeatSpecies *osp = self->species->pdata[other >= s ? other + 1 : other];
                  dad = osp->members->pdata[0];
                  origin = MDK_NEAT_ORIGIN_INTERSPECIES;
                }
              else
                dad = random_parent (self, sp, pool);

              mdk_neat_genome_crossover_into (child, mom, dad, params, &self->rng);
              stamp (self, child, origin, mom->id, dad->id);
              child->mutations = 0;
              if (mom == dad || !mdk_rng_chance (&self->rng, params->mate_only_prob))
                mdk_neat_genome_mutate (child, params, self->tracker, &self->rng);
            }
          add_child (self, next, child);
        }
    }
}

static void
compute_stats (MdkNeat             *self,
               const MdkNeatGenome *best)
{
  double hidden = 0.0, conns = 0.0;
  guint n = self->population->len;

  for (guint i = 0; i < n; i++)
    {
      const MdkNeatGenome *g = self->population->pdata[i];
      hidden += mdk_neat_genome_count_hidden (g);
      conns += mdk_neat_genome_count_enabled (g);
    }
  self->stats.n_species = self->species->len;
  self->stats.mean_hidden = n > 0 ? hidden / n : 0.0;
  self->stats.mean_connections = n > 0 ? conns / n : 0.0;
  self->stats.champion_hidden = best ? mdk_neat_genome_count_hidden (best) : 0;
  self->stats.champion_connections = best ? mdk_neat_genome_count_enabled (best) : 0;
}

/* Each species' stagnation count starts again at a change of phase, as
 * MultiNEAT resets species ages: a phase changes what progress means. */
static void
change_phase (MdkNeat  *self,
              gboolean  simplifying)
{
  self->simplifying = simplifying;
  self->phase_stall = 0;
  self->phase_lowest = self->stats.mean_connections;
  self->phase_base = self->stats.mean_connections;
  for (guint s = 0; s < self->species->len; s++)
    ((MdkNeatSpecies *) self->species->pdata[s])->last_improved = self->generation;
}

/* Phased search on the mean number of enabled connections (MultiNEAT's
 * mean population complexity counts links; SharpNEAT's complexity is the
 * connection count): simplify once it exceeds the value at the start of
 * complexifying by the ceiling (SharpNEAT's RelativeComplexityRegulation-
 * Strategy, MultiNEAT's SimplifyingPhaseMPCTreshold); complexify again once
 * it has not reached a new low for phase_simplify_generations (MultiNEAT's
 * ComplexityFloorGenerations).  Without phased search the base follows the
 * population, so that turning it on during a run starts from there. */
static void
update_phase (MdkNeat *self)
{
  double mean = self->stats.mean_connections;

  if (self->params.search_mode != MDK_NEAT_SEARCH_PHASED)
    {
      self->simplifying = FALSE;
      self->phase_base = mean;
      return;
    }
  if (isnan (self->phase_base))
    self->phase_base = mean;
  if (!self->simplifying)
    {
      if (mean > self->phase_base + self->params.phase_complexity_ceiling)
        change_phase (self, TRUE);
    }
  else if (mean < self->phase_lowest)
    {
      self->phase_lowest = mean;
      self->phase_stall = 0;
    }
  else if (++self->phase_stall >= (guint) self->params.phase_simplify_generations)
    change_phase (self, FALSE);
}

static void
neat_tell (MdkOptimizer        *opt,
           const MdkEvalResult *results,
           guint                n_results)
{
  MdkNeat *self = NEAT (opt);
  double min_fitness = INFINITY, max_fitness = -INFINITY;
  MdkNeatGenome *best = NULL;
  MdkNeatSpecies *best_species = NULL;
  g_autoptr(GPtrArray) next = NULL;

  g_return_if_fail (n_results == self->population->len);

  /* A NaN or infinite fitness counts as the worst of the generation. */
  for (guint i = 0; i < n_results; i++)
    {
      MdkNeatGenome *g = self->population->pdata[i];
      g->fitness_valid = isfinite (results[i].fitness);
      if (g->fitness_valid)
        {
          g->fitness = results[i].fitness;
          min_fitness = MIN (min_fitness, g->fitness);
          max_fitness = MAX (max_fitness, g->fitness);
        }
    }
  if (!isfinite (min_fitness))
    min_fitness = max_fitness = 0.0;
  for (guint i = 0; i < n_results; i++)
    {
      MdkNeatGenome *g = self->population->pdata[i];
      if (!g->fitness_valid)
        g->fitness = min_fitness;
      if (best == NULL || compare_fitness_desc (&g, &best) < 0)
        best = g;
    }

  speciate (self);

  for (guint s = 0; s < self->species->len; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      double sum = 0.0;

      g_ptr_array_sort (sp->members, compare_fitness_desc);
      sp->max_fitness = ((MdkNeatGenome *) sp->members->pdata[0])->fitness;
      /* Divided term by term: huge fitness must not overflow the sum. */
      for (guint m = 0; m < sp->members->len; m++)
        sum += ((MdkNeatGenome *) sp->members->pdata[m])->fitness / sp->members->len;
      sp->mean_fitness = sum;
      if (sp->max_fitness > sp->best_fitness)
        {
          sp->best_fitness = sp->max_fitness;
          sp->last_improved = self->generation;
        }
      if (best->species_id == sp->id)
        best_species = sp;
    }

  compute_stats (self, best);
  self->stats.phase = self->params.search_mode != MDK_NEAT_SEARCH_PHASED ? MDK_SEARCH_PHASE_NONE
                      : self->simplifying ? MDK_SEARCH_PHASE_SIMPLIFY : MDK_SEARCH_PHASE_COMPLEXIFY;
  update_phase (self);

  allot_offspring (self, best_species, min_fitness, max_fitness);

  next = g_ptr_array_new_full (self->params.population_size, (GDestroyNotify) mdk_neat_genome_free);
  self->generation++;
  reproduce (self, next);
  mdk_neat_innovation_next_generation (self->tracker);

  /* Next generation's representatives: a random member of the old one. */
  for (guint s = 0; s < self->species->len; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      MdkNeatGenome *rep = sp->members->pdata[mdk_rng_below (&self->rng, sp->members->len)];
      mdk_neat_genome_copy_into (sp->representative, rep);
    }

  /* What views see of this generation, dead species included. */
  g_array_set_size (self->species_info, 0);
  g_ptr_array_set_size (self->shown_champions, 0);
  for (guint s = 0; s < self->species->len; s++)
    {
      MdkNeatSpecies *sp = self->species->pdata[s];
      MdkSpeciesInfo info = {
        .id = sp->id,
        .size = sp->members->len,
        .best_fitness = sp->max_fitness,
        .mean_fitness = sp->mean_fitness,
        .age = self->generation - 1 - sp->created,
        .since_improved = self->generation - 1 - sp->last_improved,
        .offspring = sp->offspring,
        .champion = sp->members->pdata[0],
      };
      g_array_append_val (self->species_info, info);
    }

  /* Species that got no offspring die; their members are no more. */
  for (guint s = self->species->len; s > 0; s--)
    if (((MdkNeatSpecies *) self->species->pdata[s - 1])->offspring == 0)
      g_ptr_array_remove_index (self->species, s - 1);

  /* Recycle the old generation and make the new one current.  The old
   * genomes stay untouched in `spare` until the next reproduce (), so views
   * may copy them until then. */
  g_ptr_array_set_size (self->evaluated, 0);
  for (guint i = 0; i < self->population->len; i++)
    {
      g_ptr_array_add (self->spare, self->population->pdata[i]);
      g_ptr_array_add (self->evaluated, self->population->pdata[i]);
    }
  g_ptr_array_set_free_func (self->population, NULL);
  g_ptr_array_set_size (self->population, 0);
  g_ptr_array_set_free_func (self->population, (GDestroyNotify) mdk_neat_genome_free);
  for (guint i = 0; i < next->len; i++)
    g_ptr_array_add (self->population, next->pdata[i]);
  g_ptr_array_set_free_func (next, NULL);
}

static void
neat_decode (const MdkOptimizer *opt,
             gconstpointer       genome,
             MdkNetwork         *net)
{
  mdk_neat_genome_decode (genome, net);
}

/* The evaluator's threads each evaluate distinct genomes of the batch,
 * which the optimizer owns: writing learned weights back is safe. */
static void
neat_evaluate (const MdkOptimizer *opt,
               gconstpointer       genome,
               MdkNetwork         *net,
               const MdkTask      *task,
               MdkRng             *rng,
               MdkEvalResult      *result)
{
  mdk_neat_backprop_evaluate (&NEAT (opt)->params, (MdkNeatGenome *) genome, net, task, rng, result);
}

static void
neat_pack_genome (const MdkOptimizer *opt,
                  gconstpointer       genome,
                  GByteArray         *out)
{
  mdk_neat_genome_pack_network (genome, out);
}

static gpointer
neat_unpack_genome (const MdkOptimizer *opt,
                    MdkByteReader      *in)
{
  return mdk_neat_genome_unpack_network (NEAT (opt)->n_inputs, NEAT (opt)->n_outputs, in);
}

static const char *
neat_get_stop (const MdkOptimizer *opt)
{
  return NULL;
}

static void
neat_get_stats (const MdkOptimizer *opt,
                MdkPopulationStats *stats)
{
  *stats = NEAT (opt)->stats;
}

static gpointer
neat_dup_genome (const MdkOptimizer *opt,
                 gconstpointer       genome)
{
  return mdk_neat_genome_copy (genome);
}

static void
neat_free_genome (gpointer genome)
{
  mdk_neat_genome_free (genome);
}

static JsonNode *
neat_genome_to_json (const MdkOptimizer *opt,
                     gconstpointer       genome)
{
  return mdk_neat_genome_to_json (genome, NULL, NULL);
}

/* Mid-run changes: only parameters flagged live may differ. */
static gboolean
neat_set_params (MdkOptimizer  *opt,
                 gconstpointer  params,
                 GError       **error)
{
  MdkNeat *self = NEAT (opt);
  const MdkNeatParams *p = params;

  if (!mdk_neat_params_validate (p, error))
    return FALSE;
  for (guint i = 0; i < mdk_neat_n_params; i++)
    {
      const MdkParamSpec *spec = &mdk_neat_param_table[i];
      if (!(spec->flags & MDK_PARAM_FLAG_LIVE) &&
          mdk_param_get_number (spec, p) != mdk_param_get_number (spec, &self->params))
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("Parameter “%s” cannot change during a run"), spec->id);
          return FALSE;
        }
    }
  if (p->compat_threshold != self->params.compat_threshold)
    self->threshold = p->compat_threshold;
  self->params = *p;
  return TRUE;
}

static GArray *
neat_get_species (const MdkOptimizer *opt)
{
  return NEAT (opt)->species_info;
}

static guint
neat_get_evaluated (const MdkOptimizer   *opt,
                    gconstpointer       **genomes)
{
  *genomes = (gconstpointer *) NEAT (opt)->evaluated->pdata;
  return NEAT (opt)->evaluated->len;
}

/* Between generations, the population to come. */
static GPtrArray *
neat_dup_kept (const MdkOptimizer *opt)
{
  GPtrArray *population = NEAT (opt)->population;
  GPtrArray *kept = g_ptr_array_new_full (population->len, (GDestroyNotify) mdk_neat_genome_free);

  for (guint i = 0; i < population->len; i++)
    g_ptr_array_add (kept, mdk_neat_genome_copy (population->pdata[i]));
  return kept;
}

static void
neat_describe (const MdkOptimizerClass *klass,
               gconstpointer            genome,
               MdkGenomeInfo           *info)
{
  const MdkNeatGenome *g = genome;

  *info = (MdkGenomeInfo) {
    .id = g->id,
    .parent1 = g->parent1,
    .parent2 = g->parent2,
    .origin = g->origin,
    .mutations = g->mutations,
    .generation = g->birth_generation,
    .species_id = g->species_id,
    .fitness = g->fitness_valid ? g->fitness : NAN,
    .hidden = mdk_neat_genome_count_hidden (g),
    .connections = mdk_neat_genome_count_enabled (g),
  };
}

GPtrArray *
mdk_neat_get_species (const MdkOptimizer *opt)
{
  return NEAT (opt)->species;
}

const MdkNeatParams *
mdk_neat_get_params (const MdkOptimizer *opt)
{
  return &NEAT (opt)->params;
}

guint
mdk_neat_get_generation (const MdkOptimizer *opt)
{
  return NEAT (opt)->generation;
}

double
mdk_neat_get_threshold (const MdkOptimizer *opt)
{
  return NEAT (opt)->threshold;
}

GPtrArray *
mdk_neat_get_population (const MdkOptimizer *opt)
{
  return NEAT (opt)->population;
}

MdkNeatInnovation *
mdk_neat_get_innovation (MdkOptimizer *opt)
{
  return NEAT (opt)->tracker;
}

/* What a genome from outside (the graph editor, a file) must satisfy to join
 * a run: the task's shape and the run's structural rules.  Callers in another
 * thread than the run's use it to refuse a genome before queueing it. */
gboolean
mdk_neat_check_genome (const MdkNeatParams  *params,
                       guint                 n_inputs,
                       guint                 n_outputs,
                       const MdkNeatGenome  *genome,
                       GError              **error)
{
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);

  if (genome->n_inputs != n_inputs || genome->n_outputs != n_outputs)
    {
      g_set_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID,
                   /* TRANSLATORS: counts as "label number", so no plural forms */
                   _("The network does not fit the task: network inputs %u, outputs %u; "
                     "task inputs %u, outputs %u"),
                   genome->n_inputs, genome->n_outputs, n_inputs, n_outputs);
      return FALSE;
    }
  return mdk_neat_genome_validate (genome, params->allow_recurrent, error);
}

/* Numbers handed out later must not collide with @genome's. */
static void
reserve_numbers (MdkNeat             *self,
                 const MdkNeatGenome *genome)
{
  mdk_neat_innovation_reserve (self->tracker, mdk_neat_genome_max_innovation (genome),
                               mdk_neat_genome_max_node_id (genome));
}

static gboolean
accept_genome (MdkNeat             *self,
               const MdkNeatGenome *genome,
               GError             **error)
{
  if (!mdk_neat_check_genome (&self->params, self->n_inputs, self->n_outputs, genome, error))
    return FALSE;
  reserve_numbers (self, genome);
  return TRUE;
}

/* TRUE if @a's parent did worse than @b's in the last told generation.  A
 * parent that is not there (none, or from an earlier generation) ranks above
 * every known one; a genome the task could not score ranks below. */
static gboolean
parent_worse (const MdkNeatGenome *a,
              const MdkNeatGenome *b)
{
  if ((a == NULL) != (b == NULL))
    return b == NULL;
  if (a == NULL || a == b)
    return FALSE;
  if (a->fitness_valid != b->fitness_valid)
    return !a->fitness_valid;
  return a->fitness < b->fitness;
}

/* The genome an insert replaces: the one whose (first) parent did worst, never
 * an elite copy nor an earlier insert; on ties, the later one in the batch.
 * Without a told generation every parent is unknown, so that is the last. */
static guint
pick_replaced (MdkNeat *self)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (g_int64_hash, g_int64_equal);
  int pick = -1;
  const MdkNeatGenome *pick_parent = NULL;

  for (guint i = 0; i < self->evaluated->len; i++)
    {
      MdkNeatGenome *g = self->evaluated->pdata[i];
      g_hash_table_insert (parents, &g->id, g);
    }

  for (int pass = 0; pass < 2 && pick < 0; pass++)
    for (guint i = 0; i < self->population->len; i++)
      {
        const MdkNeatGenome *g = self->population->pdata[i];
        const MdkNeatGenome *parent;

        if (g->origin == MDK_NEAT_ORIGIN_ELITE)
          continue;
        /* Only when all else is an earlier insert does one give way. */
        if (pass == 0 && g->origin == MDK_NEAT_ORIGIN_EDITED)
          continue;
        parent = g->parent1 != 0 ? g_hash_table_lookup (parents, &g->parent1) : NULL;
        if (pick < 0 || !parent_worse (pick_parent, parent))
          {
            pick = i;
            pick_parent = parent;
          }
      }

  /* Elites are at most one per species, so fewer than the population. */
  return pick >= 0 ? (guint) pick : self->population->len - 1;
}

/* Replaces one genome of the batch the next ask () hands out with a copy of
 * @genome.  No random draw, so the run stays reproducible for the same insert
 * at the same generation. */
gboolean
mdk_neat_insert_genome (MdkOptimizer         *opt,
                        const MdkNeatGenome  *genome,
                        GError              **error)
{
  MdkNeat *self;
  MdkNeatGenome *slot;

  g_return_val_if_fail (opt != NULL && opt->klass == &mdk_neat_class, FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  self = NEAT (opt);
  g_return_val_if_fail (self->population->len > 0, FALSE);

  if (!accept_genome (self, genome, error))
    return FALSE;

  /* The batch's genomes are never borrowed by views (those see the last told
   * generation), so the slot is overwritten in place. */
  slot = self->population->pdata[pick_replaced (self)];
  mdk_neat_genome_copy_into (slot, genome);
  stamp (self, slot, MDK_NEAT_ORIGIN_EDITED, genome->id, 0);
  slot->mutations = 0;
  return TRUE;
}

/* The next batch becomes copies of @genome, as NEAT starts from a start
 * genome: one exact, the others with all their weights mutated.  Species form
 * anew from it with the configured threshold. */
gboolean
mdk_neat_seed_population (MdkOptimizer         *opt,
                          const MdkNeatGenome  *genome,
                          GError              **error)
{
  MdkNeat *self;

  g_return_val_if_fail (opt != NULL && opt->klass == &mdk_neat_class, FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  self = NEAT (opt);

  if (!accept_genome (self, genome, error))
    return FALSE;

  for (guint i = 0; i < self->population->len; i++)
    {
      MdkNeatGenome *slot = self->population->pdata[i];

      mdk_neat_genome_copy_into (slot, genome);
      if (i == 0)
        {
          stamp (self, slot, MDK_NEAT_ORIGIN_EDITED, genome->id, 0);
          slot->mutations = 0;
        }
      else
        {
          stamp (self, slot, MDK_NEAT_ORIGIN_MUTATION, genome->id, 0);
          mdk_neat_genome_mutate_weights (slot, &self->params, &self->rng);
          slot->mutations = MDK_NEAT_MUT_WEIGHTS;
        }
    }

  /* Old species would absorb or starve the new population; their ids are
   * not reused. */
  g_ptr_array_set_size (self->species, 0);
  self->threshold = self->params.compat_threshold;
  return TRUE;
}

/* Resume (docs/formats.md, "Run state"): the state between generations.
 * Species members and the last told generation are rebuilt by the next
 * tell (), so they are not saved; nor is the innovation tracker's table of
 * this generation's mutations, empty between generations.  The views'
 * species info is saved (last_species) only so that a loaded run shows its
 * species at once; evolution never reads it. */
static JsonNode *
genome_state_to_json (const MdkNeatGenome *g)
{
  JsonNode *node = mdk_neat_genome_to_json (g, NULL, NULL);
  JsonObject *obj = json_node_get_object (node);

  /* Our own encoding of the fitness: exact, and never a number json-glib
   * might print badly. */
  json_object_set_member (obj, "fitness", mdk_run_state_double_node (g->fitness_valid ? g->fitness : NAN));
  json_object_set_int_member (obj, "parent1", (gint64) g->parent1);
  json_object_set_int_member (obj, "parent2", (gint64) g->parent2);
  json_object_set_string_member (obj, "origin", mdk_neat_origin_to_id (g->origin));
  json_object_set_int_member (obj, "mutations", g->mutations);
  json_object_set_int_member (obj, "birth_generation", g->birth_generation);
  json_object_set_int_member (obj, "species_id", g->species_id);
  return node;
}

static MdkNeatGenome *
genome_state_from_json (MdkNeat     *self,
                        JsonNode    *node,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(MdkNeatGenome) g = mdk_neat_genome_from_json (node, error);
  JsonObject *obj;
  const char *origin;
  guint64 v;
  double fitness;
  guint o;

  if (g == NULL || !mdk_neat_check_genome (&self->params, self->n_inputs, self->n_outputs, g, error))
    {
      mdk_run_state_prefix_error (error, path);
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!mdk_run_state_get_uint (obj, "id", path, G_MAXINT64, &g->id, error) ||
      !mdk_run_state_get_uint (obj, "parent1", path, G_MAXINT64, &g->parent1, error) ||
      !mdk_run_state_get_uint (obj, "parent2", path, G_MAXINT64, &g->parent2, error) ||
      !mdk_run_state_get_double (obj, "fitness", path, &fitness, error))
    return NULL;
  g->fitness_valid = !isnan (fitness);
  g->fitness = g->fitness_valid ? fitness : 0.0;
  if (!mdk_run_state_get_uint (obj, "mutations", path, G_MAXUINT8, &v, error))
    return NULL;
  g->mutations = v;
  if (!mdk_run_state_get_uint (obj, "birth_generation", path, G_MAXUINT32, &v, error))
    return NULL;
  g->birth_generation = v;
  if (!mdk_run_state_get_uint (obj, "species_id", path, G_MAXUINT32, &v, error))
    return NULL;
  g->species_id = v;
  origin = mdk_run_state_get_string (obj, "origin", path, error);
  if (origin == NULL)
    return NULL;
  for (o = 0; o <= MDK_NEAT_ORIGIN_EDITED; o++)
    if (g_strcmp0 (origin, mdk_neat_origin_to_id (o)) == 0)
      break;
  if (o > MDK_NEAT_ORIGIN_EDITED)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: unknown origin “%s”"), path, origin);
      return NULL;
    }
  g->origin = o;
  return g_steal_pointer (&g);
}

/* Genomes at @path: packed columns, or (the population of run state
 * version 1) an array of genome documents. */
static GPtrArray *
load_genomes (MdkNeat     *self,
              JsonNode    *node,
              const char  *path,
              GError     **error)
{
  g_autoptr(GPtrArray) population = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);

      population = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);
          MdkNeatGenome *g = genome_state_from_json (self, json_array_get_element (arr, i), where, error);

          if (g == NULL)
            return NULL;
          g_ptr_array_add (population, g);
        }
      return g_steal_pointer (&population);
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: must be an object"), path);
      return NULL;
    }
  population = mdk_neat_unpack_genomes (node, self->n_inputs, self->n_outputs, path, error);
  if (population == NULL)
    return NULL;
  for (guint i = 0; i < population->len; i++)
    if (!mdk_neat_check_genome (&self->params, self->n_inputs, self->n_outputs,
                                population->pdata[i], error))
      {
        g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);
        mdk_run_state_prefix_error (error, where);
        return NULL;
      }
  return g_steal_pointer (&population);
}

/* The species as the last tell () left them for the views, with their
 * champions packed. */
static JsonNode *
last_species_to_json (const MdkNeat *self)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *rows = json_array_new ();
  g_autoptr(GPtrArray) champions = g_ptr_array_new ();

  for (guint s = 0; s < self->species_info->len; s++)
    {
      const MdkSpeciesInfo *info = &g_array_index (self->species_info, MdkSpeciesInfo, s);
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "id", info->id);
      json_object_set_int_member (row, "size", info->size);
      json_object_set_member (row, "best_fitness", mdk_run_state_double_node (info->best_fitness));
      json_object_set_member (row, "mean_fitness", mdk_run_state_double_node (info->mean_fitness));
      json_object_set_int_member (row, "age", info->age);
      json_object_set_int_member (row, "since_improved", info->since_improved);
      json_object_set_int_member (row, "offspring", info->offspring);
      json_array_add_object_element (rows, row);
      g_ptr_array_add (champions, (gpointer) info->champion);
    }
  json_object_set_array_member (obj, "species", rows);
  json_object_set_member (obj, "champions", mdk_neat_pack_genomes (champions));
  json_node_take_object (node, obj);
  return node;
}

/* last_species (optional: files made before it have none): the rows in
 * @info and their champions in @champions. */
static gboolean
last_species_from_json (MdkNeat     *self,
                        JsonObject  *obj,
                        GArray      *info,
                        GPtrArray  **champions,
                        GError     **error)
{
  const char *path = "state.optimizer.last_species";
  JsonObject *last;
  JsonArray *rows;

  if (!json_object_has_member (obj, "last_species"))
    {
      *champions = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
      return TRUE;
    }
  if ((last = mdk_run_state_get_object (obj, "last_species", "state.optimizer", error)) == NULL ||
      (rows = mdk_run_state_get_array (last, "species", path, error)) == NULL ||
      (*champions = load_genomes (self, json_object_get_member (last, "champions"),
                                  "state.optimizer.last_species.champions", error)) == NULL)
    return FALSE;
  if ((*champions)->len != json_array_get_length (rows))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must have %lu elements"), path, "champions",
                   (unsigned long) json_array_get_length (rows));
      return FALSE;
    }
  for (guint s = 0; s < json_array_get_length (rows); s++)
    {
      g_autofree char *where = g_strdup_printf ("%s.species[%u]", path, s);
      JsonNode *el = json_array_get_element (rows, s);
      JsonObject *row;
      guint64 id, size, age, since_improved, offspring;
      MdkSpeciesInfo si = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID, _("%s: must be an object"), where);
          return FALSE;
        }
      row = json_node_get_object (el);
      if (!mdk_run_state_get_uint (row, "id", where, G_MAXUINT32, &id, error) ||
          !mdk_run_state_get_uint (row, "size", where, G_MAXUINT32, &size, error) ||
          !mdk_run_state_get_double (row, "best_fitness", where, &si.best_fitness, error) ||
          !mdk_run_state_get_double (row, "mean_fitness", where, &si.mean_fitness, error) ||
          !mdk_run_state_get_uint (row, "age", where, G_MAXUINT32, &age, error) ||
          !mdk_run_state_get_uint (row, "since_improved", where, G_MAXUINT32, &since_improved, error) ||
          !mdk_run_state_get_uint (row, "offspring", where, G_MAXUINT32, &offspring, error))
        return FALSE;
      si.id = id;
      si.size = size;
      si.age = age;
      si.since_improved = since_improved;
      si.offspring = offspring;
      si.champion = (*champions)->pdata[s];
      g_array_append_val (info, si);
    }
  return TRUE;
}

static JsonNode *
neat_save_state (const MdkOptimizer *opt)
{
  const MdkNeat *self = NEAT (opt);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *species = json_array_new ();
  g_autofree char *rng = mdk_rng_to_string (&self->rng);

  json_object_set_int_member (obj, "generation", self->generation);
  json_object_set_member (obj, "threshold", mdk_run_state_double_node (self->threshold));
  json_object_set_string_member (obj, "rng", rng);
  json_object_set_int_member (obj, "next_genome_id", (gint64) self->next_genome_id);
  json_object_set_int_member (obj, "next_species_id", self->next_species_id);
  json_object_set_int_member (obj, "next_innovation", mdk_neat_innovation_peek_next (self->tracker));
  json_object_set_int_member (obj, "next_node_id", mdk_neat_innovation_peek_next_node (self->tracker));
  /* Live changes make them differ from the experiment's. */
  json_object_set_member (obj, "params",
                          mdk_run_state_params_to_json (mdk_neat_param_table, mdk_neat_n_params,
                                                        &self->params));
  /* Packed: a grown population is most of the file (mdk-neat-pack.h). */
  json_object_set_member (obj, "population", mdk_neat_pack_genomes (self->population));
  for (guint s = 0; s < self->species->len; s++)
    {
      const MdkNeatSpecies *sp = self->species->pdata[s];
      JsonObject *so = json_object_new ();

      json_object_set_int_member (so, "id", sp->id);
      json_object_set_int_member (so, "created", sp->created);
      json_object_set_int_member (so, "last_improved", sp->last_improved);
      json_object_set_member (so, "best_fitness", mdk_run_state_double_node (sp->best_fitness));
      json_object_set_member (so, "representative", genome_state_to_json (sp->representative));
      json_array_add_object_element (species, so);
    }
  json_object_set_array_member (obj, "species", species);
  if (self->species_info->len > 0)
    json_object_set_member (obj, "last_species", last_species_to_json (self));
  {
    JsonObject *phase = json_object_new ();

    json_object_set_string_member (phase, "mode", self->simplifying ? "simplify" : "complexify");
    json_object_set_member (phase, "base", mdk_run_state_double_node (self->phase_base));
    json_object_set_member (phase, "lowest", mdk_run_state_double_node (self->phase_lowest));
    json_object_set_int_member (phase, "stall", self->phase_stall);
    json_object_set_object_member (obj, "phase", phase);
  }
  json_node_take_object (node, obj);
  return node;
}

/* On failure only the parameters may have changed: callers discard @opt. */
static gboolean
neat_load_state (MdkOptimizer  *opt,
                 JsonNode      *state,
                 GError       **error)
{
  MdkNeat *self = NEAT (opt);
  MdkNeatParams params = self->params;
  MdkRng rng;
  g_autoptr(GPtrArray) population = NULL;
  g_autoptr(GPtrArray) species = NULL;
  g_autoptr(GArray) last_species = g_array_new (FALSE, FALSE, sizeof (MdkSpeciesInfo));
  g_autoptr(GPtrArray) shown_champions = NULL;
  JsonObject *obj, *params_obj;
  JsonArray *arr;
  const char *rng_str;
  guint64 generation, next_genome_id, next_species_id, next_innovation, next_node_id;
  guint64 phase_stall = 0;
  double threshold, phase_base = NAN, phase_lowest = NAN;
  gboolean simplifying = FALSE;

#define INVALID(...) \
  G_STMT_START { \
    g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    INVALID (_("%s: must be an object"), "state.optimizer");
  obj = json_node_get_object (state);

  params_obj = mdk_run_state_get_object (obj, "params", "state.optimizer", error);
  if (params_obj == NULL ||
      !mdk_run_state_params_from_json (mdk_neat_param_table, mdk_neat_n_params, &params,
                                       params_obj, "state.optimizer.params", error))
    return FALSE;
  /* Checked as a change during the run: only live parameters may differ. */
  if (!neat_set_params (opt, &params, error))
    {
      g_prefix_error (error, "state.optimizer.params: ");
      return FALSE;
    }

  if (!mdk_run_state_get_uint (obj, "generation", "state.optimizer", G_MAXUINT32, &generation, error) ||
      !mdk_run_state_get_double (obj, "threshold", "state.optimizer", &threshold, error) ||
      !mdk_run_state_get_uint (obj, "next_genome_id", "state.optimizer", G_MAXINT64, &next_genome_id, error) ||
      !mdk_run_state_get_uint (obj, "next_species_id", "state.optimizer", G_MAXUINT32, &next_species_id, error) ||
      !mdk_run_state_get_uint (obj, "next_innovation", "state.optimizer", G_MAXUINT32, &next_innovation, error) ||
      !mdk_run_state_get_uint (obj, "next_node_id", "state.optimizer", G_MAXUINT32, &next_node_id, error))
    return FALSE;
  if (!isfinite (threshold) || threshold <= 0.0)
    INVALID (_("%s: “%s” must be a positive number"), "state.optimizer", "threshold");
  rng_str = mdk_run_state_get_string (obj, "rng", "state.optimizer", error);
  if (rng_str == NULL)
    return FALSE;
  if (!mdk_rng_from_string (&rng, rng_str))
    INVALID (_("%s: “%s” is not a random number generator state"), "state.optimizer", "rng");

  population = load_genomes (self, json_object_get_member (obj, "population"), "state.optimizer.population",
                             error);
  if (population == NULL)
    return FALSE;
  if (population->len == 0)
    INVALID (_("%s: “%s” must not be empty"), "state.optimizer", "population");

  arr = mdk_run_state_get_array (obj, "species", "state.optimizer", error);
  if (arr == NULL)
    return FALSE;
  species = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_species_free);
  for (guint s = 0; s < json_array_get_length (arr); s++)
    {
      g_autofree char *path = g_strdup_printf ("state.optimizer.species[%u]", s);
      g_autofree char *rep_path = g_strdup_printf ("%s.representative", path);
      JsonNode *el = json_array_get_element (arr, s);
      JsonObject *so;
      JsonNode *rep_node;
      g_autoptr(MdkNeatGenome) rep = NULL;
      MdkNeatSpecies *sp;
      guint64 id, created, last_improved;
      double best_fitness;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        INVALID (_("%s: must be an object"), path);
      so = json_node_get_object (el);
      if (!mdk_run_state_get_uint (so, "id", path, G_MAXUINT32, &id, error) ||
          !mdk_run_state_get_uint (so, "created", path, G_MAXUINT32, &created, error) ||
          !mdk_run_state_get_uint (so, "last_improved", path, G_MAXUINT32, &last_improved, error) ||
          !mdk_run_state_get_double (so, "best_fitness", path, &best_fitness, error))
        return FALSE;
      rep_node = json_object_get_member (so, "representative");
      if (rep_node == NULL)
        INVALID (_("%s: “%s” is missing"), path, "representative");
      rep = genome_state_from_json (self, rep_node, rep_path, error);
      if (rep == NULL)
        return FALSE;
      sp = mdk_neat_species_new (id, rep, created);
      sp->last_improved = last_improved;
      sp->best_fitness = best_fitness;
      g_ptr_array_add (species, sp);
    }

  /* Phased search: absent from files made before it existed. */
  if (json_object_has_member (obj, "phase"))
    {
      const char *path = "state.optimizer.phase";
      JsonObject *phase = mdk_run_state_get_object (obj, "phase", "state.optimizer", error);
      const char *mode;

      if (phase == NULL ||
          (mode = mdk_run_state_get_string (phase, "mode", path, error)) == NULL ||
          !mdk_run_state_get_double (phase, "base", path, &phase_base, error) ||
          !mdk_run_state_get_double (phase, "lowest", path, &phase_lowest, error) ||
          !mdk_run_state_get_uint (phase, "stall", path, G_MAXUINT32, &phase_stall, error))
        return FALSE;
      if (g_strcmp0 (mode, "simplify") != 0 && g_strcmp0 (mode, "complexify") != 0)
        INVALID (_("%s: unknown phase “%s”"), path, mode);
      simplifying = g_strcmp0 (mode, "simplify") == 0;
    }
  if (!last_species_from_json (self, obj, last_species, &shown_champions, error))
    return FALSE;
#undef INVALID

  /* Valid: it becomes the state.  Numbers handed out later must not collide
   * with the genomes', whatever the counters said. */
  self->generation = generation;
  self->threshold = threshold;
  self->rng = rng;
  self->next_genome_id = next_genome_id;
  self->next_species_id = next_species_id;
  self->simplifying = simplifying;
  self->phase_base = phase_base;
  self->phase_lowest = phase_lowest;
  self->phase_stall = phase_stall;
  mdk_neat_innovation_reserve (self->tracker, next_innovation - (next_innovation > 0),
                               next_node_id - (next_node_id > 0));
  /* Both were checked as they were read. */
  for (guint i = 0; i < population->len; i++)
    reserve_numbers (self, population->pdata[i]);
  for (guint s = 0; s < species->len; s++)
    reserve_numbers (self, ((MdkNeatSpecies *) species->pdata[s])->representative);
  g_ptr_array_unref (self->population);
  self->population = g_steal_pointer (&population);
  g_ptr_array_unref (self->species);
  self->species = g_steal_pointer (&species);
  g_ptr_array_set_size (self->evaluated, 0);
  g_array_unref (self->species_info);
  self->species_info = g_steal_pointer (&last_species);
  g_ptr_array_unref (self->shown_champions);
  self->shown_champions = g_steal_pointer (&shown_champions);
  return TRUE;
}

static gpointer
neat_genome_from_json (const MdkOptimizer  *opt,
                       JsonNode            *node,
                       GError             **error)
{
  const MdkNeat *self = NEAT (opt);
  g_autoptr(MdkNeatGenome) g = mdk_neat_genome_from_json (node, error);

  if (g == NULL || !mdk_neat_check_genome (&self->params, self->n_inputs, self->n_outputs, g, error))
    return NULL;
  return g_steal_pointer (&g);
}

const MdkOptimizerClass mdk_neat_class = {
  .id = "neat",
  .label = N_("NEAT"),
  .description = N_("NeuroEvolution of Augmenting Topologies (Stanley & Miikkulainen, 2002): "
                    "networks start minimal and grow by adding nodes and connections; "
                    "innovation numbers align genes for crossover, and speciation protects "
                    "new structure while its weights are tuned."),
  .params = mdk_neat_param_table,
  .n_params = MDK_NEAT_N_PARAMS,
  .params_size = sizeof (MdkNeatParams),
  .create = neat_create,
  .free = neat_free,
  .ask = neat_ask,
  .tell = neat_tell,
  .decode = neat_decode,
  .ask_is_pure = TRUE,
  .pack_genome = neat_pack_genome,
  .unpack_genome = neat_unpack_genome,
  .get_stop = neat_get_stop,
  .get_stats = neat_get_stats,
  .dup_genome = neat_dup_genome,
  .free_genome = neat_free_genome,
  .genome_to_json = neat_genome_to_json,
  .set_params = neat_set_params,
  .get_species = neat_get_species,
  .get_evaluated = neat_get_evaluated,
  .dup_kept = neat_dup_kept,
  .describe = neat_describe,
  .save_state = neat_save_state,
  .load_state = neat_load_state,
  .genome_from_json = neat_genome_from_json,
  .evaluate = neat_evaluate,
};
