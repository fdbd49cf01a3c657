/* MAP-Elites (Mouret & Clune, "Illuminating search spaces by mapping
 * elites", 2015) on a fixed network's weights: a grid over the first two
 * numbers of the task's behaviour descriptor keeps, in each cell, the
 * fittest genome whose behaviour fell into it.  The first genomes are
 * random; after them each child is a random elite plus Gaussian noise, or,
 * with the iso+line variation of Vassiliades & Mouret ("Discovering the
 * elite hypervolume by leveraging interspecies correlation", 2018), plus a
 * step along the line to a second random elite.  A child takes a cell that
 * is empty or whose elite is less fit (a tie keeps the elite).
 *
 * Statistics: coverage, the fraction of cells filled, and the QD-score
 * (Pugh, Soros & Stanley 2016), here the sum over filled cells of the
 * elite's fitness minus an offset, a cell below the offset counting 0, so
 * that it is never negative and never falls.  The default offset, 0, is
 * the lowest fitness of most built-in tasks; the maze, whose fitness is
 * minus a distance, suggests −300 (the paper's fitness is 300 − distance).
 */
#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-map-elites.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-columns.h"
#include "mdk-run-state.h"

typedef struct
{
  MdkEsStrategy       parent;
  MdkMapElitesParams  p;
  guint               n;             /* weights */
  guint               dims;          /* behaviour numbers per point */
  guint               n_cells;
  double              init_range;
  MdkRng              rng;
  guint64             sampled;       /* points handed out so far */
  double             *elites;        /* n_cells × n */
  double             *fitness;       /* per cell, NaN: empty */
  guint64            *ids;           /* per cell */
  guint              *occupied;      /* the filled cells, in the order they filled */
  guint               n_occupied;
  double             *points;        /* batch × n */
  guint64            *parent_ids;    /* batch × 2, 0: none */
  double             *behaviours;    /* batch × dims, from set_behaviours () */
  double             *zero;          /* the centre before any elite */
} MapElites;

#define MAP_ELITES(s) ((MapElites *) (s))

static const MdkEsStrategyClass map_elites_strategy;

#define GROUP_MAP N_("Map")
#define GROUP_SEARCH N_("Search")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkMapElitesParams, field)

static const MdkParamChoice variation_choices[] = {
  { "gaussian", N_("Gaussian noise") },
  { "iso-line", N_("Noise and a line to another elite") },
  { NULL, NULL }
};

static const MdkParamSpec map_elites_params[] = {
  MDK_ES_NETWORK_PARAMS_WITH_RANGE (MdkMapElitesParams, 1.0),
  { "bins", N_("Cells per dimension"), GROUP_MAP,
    N_("The map divides each of the behaviour's first two numbers into this many intervals."),
    NUM (bins, MDK_PARAM_INT, 1, 1000, 20) },
  { "qd_offset", N_("QD-score offset"), GROUP_MAP,
    N_("The QD-score sums each filled cell's fitness minus this value (below it a cell counts "
       "0); the lowest fitness the task can give."),
    NUM (qd_offset, MDK_PARAM_DOUBLE, -1e300, 1e300, 0.0) },
  { "batch_size", N_("Batch size"), GROUP_SEARCH,
    N_("Children evaluated per generation."),
    NUM (batch_size, MDK_PARAM_INT, 1, 100000, 100) },
  { "initial_random", N_("Random genomes"), GROUP_SEARCH,
    N_("Genomes drawn at random, within the initial weight range, before elites are selected."),
    NUM (initial_random, MDK_PARAM_INT, 0, 10000000, 100) },
  { "variation", N_("Variation"), GROUP_SEARCH,
    N_("How a child is made from a random elite: Gaussian noise on every weight (Mouret & "
       "Clune 2015), or noise plus a step towards another elite (iso+line, Vassiliades & "
       "Mouret 2018)."),
    NUM (variation, MDK_PARAM_CHOICE, 0, 0, MDK_MAP_ELITES_GAUSSIAN), .choices = variation_choices },
  { "sigma", N_("Mutation standard deviation"), GROUP_SEARCH,
    N_("The standard deviation of the Gaussian noise added to every weight of a child."),
    NUM (sigma, MDK_PARAM_DOUBLE, 0.0, 1e3, 0.1) },
  { "line_sigma", N_("Line standard deviation"), GROUP_SEARCH,
    N_("Iso+line: the standard deviation of the step along the line between the two elites "
       "(Vassiliades & Mouret: 0.2)."),
    NUM (line_sigma, MDK_PARAM_DOUBLE, 0.0, 1e3, 0.2) },
};

static const MdkStatSpec map_elites_stats[] = {
  { "coverage", N_("Coverage"), N_("The fraction of the map's cells that hold an elite."), FALSE },
  { "qd_score", N_("QD-score"), N_("The sum over filled cells of the elite's fitness minus the offset."), FALSE },
};

int
mdk_map_elites_cell (const double *behaviour,
                     guint         bins)
{
  int cell[2];

  for (guint d = 0; d < 2; d++)
    {
      if (!isfinite (behaviour[d]))
        return -1;
      /* Out of range behaviour goes to the edge cell. */
      cell[d] = CLAMP ((int) floor (CLAMP (behaviour[d], 0.0, 1.0) * bins), 0, (int) bins - 1);
    }
  return cell[1] * (int) bins + cell[0];
}

static MdkEsStrategy *
map_elites_create (gconstpointer        params,
                   const MdkEsProblem  *problem,
                   GError             **error)
{
  const MdkMapElitesParams *p = params;
  MapElites *self;

  if (problem->n_behaviour < 2)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "MAP-Elites needs a task whose behaviour is described by at least two "
                                "numbers (such as the maze robot’s final position); this task gives %u",
                                "MAP-Elites needs a task whose behaviour is described by at least two "
                                "numbers (such as the maze robot’s final position); this task gives %u",
                                problem->n_behaviour),
                   problem->n_behaviour);
      return NULL;
    }
  self = g_new0 (MapElites, 1);
  self->parent.klass = &map_elites_strategy;
  self->p = *p;
  self->p.net = (MdkEsNetworkParams) { 0 };
  self->n = problem->n;
  self->dims = problem->n_behaviour;
  self->n_cells = (guint) p->bins * (guint) p->bins;
  self->init_range = problem->init_range;
  mdk_rng_init (&self->rng, problem->seed);
  self->elites = g_new (double, (gsize) self->n_cells * self->n);
  self->fitness = g_new (double, self->n_cells);
  for (guint c = 0; c < self->n_cells; c++)
    self->fitness[c] = NAN;
  self->ids = g_new0 (guint64, self->n_cells);
  self->occupied = g_new (guint, self->n_cells);
  self->points = g_new (double, (gsize) p->batch_size * self->n);
  self->parent_ids = g_new0 (guint64, 2 * (gsize) p->batch_size);
  self->behaviours = g_new (double, (gsize) p->batch_size * self->dims);
  self->zero = g_new0 (double, self->n);
  return &self->parent;
}

static void
map_elites_free (MdkEsStrategy *s)
{
  MapElites *self = MAP_ELITES (s);

  g_free (self->elites);
  g_free (self->fitness);
  g_free (self->ids);
  g_free (self->occupied);
  g_free (self->points);
  g_free (self->parent_ids);
  g_free (self->behaviours);
  g_free (self->zero);
  g_free (self);
}

static const double *
elite (const MapElites *self,
       guint            cell)
{
  return self->elites + (gsize) cell * self->n;
}

/* A child of random elites, or a random genome while the map fills. */
static void
make_child (MapElites *self,
            double    *child,
            guint64   *parents)
{
  const guint n = self->n;
  guint a, b;

  parents[0] = parents[1] = 0;
  if (self->n_occupied == 0 || self->sampled < (guint64) self->p.initial_random)
    {
      MdkEsProblem problem = { .n = n, .init_range = self->init_range };

      mdk_es_start_point (&problem, &self->rng, child);
      return;
    }
  a = self->occupied[mdk_rng_below (&self->rng, self->n_occupied)];
  memcpy (child, elite (self, a), sizeof (double) * n);
  parents[0] = self->ids[a];
  for (guint i = 0; i < n; i++)
    child[i] += self->p.sigma * mdk_rng_gaussian (&self->rng);
  if (self->p.variation == MDK_MAP_ELITES_ISO_LINE)
    {
      double step;

      b = self->occupied[mdk_rng_below (&self->rng, self->n_occupied)];
      step = self->p.line_sigma * mdk_rng_gaussian (&self->rng);
      for (guint i = 0; i < n; i++)
        child[i] += step * (elite (self, b)[i] - elite (self, a)[i]);
      parents[1] = b != a ? self->ids[b] : 0;
    }
}

static guint
map_elites_ask (MdkEsStrategy  *s,
                const double  **points)
{
  MapElites *self = MAP_ELITES (s);

  for (guint k = 0; k < (guint) self->p.batch_size; k++)
    {
      make_child (self, self->points + (gsize) k * self->n, self->parent_ids + 2 * k);
      self->sampled++;
    }
  /* Until set_behaviours (): a point without one takes no cell. */
  for (gsize i = 0; i < (gsize) self->p.batch_size * self->dims; i++)
    self->behaviours[i] = NAN;
  *points = self->points;
  return self->p.batch_size;
}

static void
map_elites_get_origin (const MdkEsStrategy *s,
                       guint                i,
                       guint8              *origin,
                       guint64             *parent1,
                       guint64             *parent2)
{
  const MapElites *self = MAP_ELITES (s);

  *parent1 = self->parent_ids[2 * i];
  *parent2 = self->parent_ids[2 * i + 1];
  *origin = *parent1 == 0 ? MDK_NEAT_ORIGIN_INITIAL
                          : (*parent2 != 0 ? MDK_NEAT_ORIGIN_CROSSOVER : MDK_NEAT_ORIGIN_MUTATION);
}

static void
map_elites_set_behaviours (MdkEsStrategy *s,
                           const double  *behaviours)
{
  MapElites *self = MAP_ELITES (s);

  memcpy (self->behaviours, behaviours, sizeof (double) * self->p.batch_size * self->dims);
}

/* Into an empty cell, or over a less fit elite. */
static void
map_elites_tell (MdkEsStrategy *s,
                 const double  *values,
                 const guint64 *ids)
{
  MapElites *self = MAP_ELITES (s);

  for (guint k = 0; k < (guint) self->p.batch_size; k++)
    {
      int cell = mdk_map_elites_cell (self->behaviours + (gsize) k * self->dims, self->p.bins);
      double fitness = -values[k];

      if (cell < 0 || !isfinite (fitness))
        continue;
      if (isnan (self->fitness[cell]))
        self->occupied[self->n_occupied++] = cell;
      else if (!(fitness > self->fitness[cell]))
        continue;
      memcpy (self->elites + (gsize) cell * self->n, self->points + (gsize) k * self->n,
              sizeof (double) * self->n);
      self->fitness[cell] = fitness;
      self->ids[cell] = ids != NULL ? ids[k] : 0;
    }
}

static const char *
map_elites_get_stop (const MdkEsStrategy *s)
{
  return NULL;
}

/* The elites in the order their cells filled. */
static const double *
map_elites_get_kept (const MdkEsStrategy *s,
                     guint                i,
                     guint64             *id,
                     double              *fitness)
{
  const MapElites *self = MAP_ELITES (s);

  if (i >= self->n_occupied)
    return NULL;
  *id = self->ids[self->occupied[i]];
  *fitness = self->fitness[self->occupied[i]];
  return elite (self, self->occupied[i]);
}

/* The fittest elite (the first filled on a tie). */
static const double *
map_elites_get_center (const MdkEsStrategy *s)
{
  const MapElites *self = MAP_ELITES (s);
  guint best = G_MAXUINT;

  for (guint i = 0; i < self->n_occupied; i++)
    if (best == G_MAXUINT || self->fitness[self->occupied[i]] > self->fitness[best])
      best = self->occupied[i];
  return best != G_MAXUINT ? elite (self, best) : self->zero;
}

static double
qd_score (const MapElites *self)
{
  double sum = 0.0;

  for (guint i = 0; i < self->n_occupied; i++)
    sum += MAX (0.0, self->fitness[self->occupied[i]] - self->p.qd_offset);
  return sum;
}

static void
map_elites_get_stats (const MdkEsStrategy *s,
                      double              *stats)
{
  const MapElites *self = MAP_ELITES (s);

  stats[0] = (double) self->n_occupied / self->n_cells;
  stats[1] = qd_score (self);
}

static MdkEliteMap *
map_elites_dup_map (const MdkEsStrategy *s)
{
  const MapElites *self = MAP_ELITES (s);
  MdkEliteMap *map = mdk_elite_map_new (self->p.bins);

  memcpy (map->fitness, self->fitness, sizeof (double) * self->n_cells);
  map->filled = self->n_occupied;
  map->coverage = (double) self->n_occupied / self->n_cells;
  map->qd_score = qd_score (self);
  return map;
}

/* The elites as packed columns, in the order their cells filled (which
 * the random choice of parents depends on). */
static const MdkColumnGroup cells_group = {
  "cells", 3, { "cell", "id", "fitness" }, { MDK_COLUMN_U32, MDK_COLUMN_U64, MDK_COLUMN_F64 },
};
static const MdkColumnGroup weights_group = {
  "weights", 1, { "weight" }, { MDK_COLUMN_F64 },
};

static JsonNode *
map_elites_save_state (const MdkEsStrategy *s)
{
  const MapElites *self = MAP_ELITES (s);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GByteArray **cells = mdk_columns_new (&cells_group, self->n_occupied);
  GByteArray **weights = mdk_columns_new (&weights_group, (gsize) self->n_occupied * self->n);
  g_autofree char *rng = mdk_rng_to_string (&self->rng);

  json_object_set_string_member (obj, "rng", rng);
  json_object_set_int_member (obj, "sampled", (gint64) self->sampled);
  json_object_set_int_member (obj, "count", self->n_occupied);
  for (guint i = 0; i < self->n_occupied; i++)
    {
      guint c = self->occupied[i];

      mdk_columns_put (cells[0], MDK_COLUMN_U32, c);
      mdk_columns_put (cells[1], MDK_COLUMN_U64, self->ids[c]);
      mdk_columns_put_double (cells[2], self->fitness[c]);
      for (guint j = 0; j < self->n; j++)
        mdk_columns_put_double (weights[0], elite (self, c)[j]);
    }
  mdk_columns_add (obj, &cells_group, cells);
  mdk_columns_add (obj, &weights_group, weights);
  json_node_take_object (node, obj);
  return node;
}

static gboolean
map_elites_load_state (MdkEsStrategy  *s,
                       JsonObject     *obj,
                       const char     *path,
                       GError        **error)
{
  MapElites *self = MAP_ELITES (s);
  GBytes **cells = NULL, **weights = NULL;
  guint64 sampled, count;
  MdkRng rng;
  gboolean ok = FALSE;

  if (!mdk_es_rng_from_json (obj, "rng", path, &rng, error) ||
      !mdk_run_state_get_uint (obj, "sampled", path, G_MAXINT64, &sampled, error) ||
      !mdk_run_state_get_uint (obj, "count", path, self->n_cells, &count, error) ||
      (cells = mdk_columns_read (obj, &cells_group, count, path, error)) == NULL ||
      (weights = mdk_columns_read (obj, &weights_group, count * self->n, path, error)) == NULL)
    goto out;

  for (guint c = 0; c < self->n_cells; c++)
    self->fitness[c] = NAN;
  self->n_occupied = 0;
  for (guint i = 0; i < count; i++)
    {
      guint64 c = mdk_columns_get (cells, &cells_group, 0, i);
      double fitness = mdk_columns_get_double (cells, 2, i);

      if (c >= self->n_cells || !isnan (self->fitness[c]) || !isfinite (fitness))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: elite %u is not in a free cell of the map, or its fitness is not a finite number"),
                       path, i);
          for (guint k = 0; k < self->n_cells; k++)
            self->fitness[k] = NAN;
          self->n_occupied = 0;
          goto out;
        }
      self->occupied[self->n_occupied++] = c;
      self->fitness[c] = fitness;
      self->ids[c] = mdk_columns_get (cells, &cells_group, 1, i);
      for (guint j = 0; j < self->n; j++)
        self->elites[c * self->n + j] = mdk_columns_get_double (weights, 0, (gsize) i * self->n + j);
    }
  self->rng = rng;
  self->sampled = sampled;
  ok = TRUE;

out:
  if (cells != NULL)
    mdk_columns_free (&cells_group, cells);
  if (weights != NULL)
    mdk_columns_free (&weights_group, weights);
  return ok;
}

static const MdkEsStrategyClass map_elites_strategy = {
  .create = map_elites_create,
  .free = map_elites_free,
  .ask = map_elites_ask,
  .tell = map_elites_tell,
  .get_stop = map_elites_get_stop,
  .get_center = map_elites_get_center,
  .get_stats = map_elites_get_stats,
  .get_origin = map_elites_get_origin,
  .set_behaviours = map_elites_set_behaviours,
  .dup_map = map_elites_dup_map,
  .get_kept = map_elites_get_kept,
  .save_state = map_elites_save_state,
  .load_state = map_elites_load_state,
};

const MdkOptimizerClass mdk_map_elites_class = {
  .id = "map-elites",
  .label = N_("MAP-Elites"),
  .description = N_("MAP-Elites (Mouret & Clune 2015) on a fixed network’s weights: a map over the "
                    "first two numbers of the task’s behaviour keeps the fittest network found in "
                    "each of its cells, and new networks are mutated copies of random elites. It "
                    "shows which behaviours are possible and how well each can do; it needs a task "
                    "that describes behaviour, such as the maze."),
  .params = map_elites_params,
  .n_params = G_N_ELEMENTS (map_elites_params),
  .params_size = sizeof (MdkMapElitesParams),
  .stats = map_elites_stats,
  .n_stats = G_N_ELEMENTS (map_elites_stats),
  .class_data = &map_elites_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};
