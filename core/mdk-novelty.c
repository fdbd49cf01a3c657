/* Novelty search after Lehman & Stanley, "Abandoning objectives: evolution
 * through the search for novelty alone", Evolutionary Computation 19(2),
 * 2011, with the defaults of the authors' maze code (noveltyset.h and
 * maze experiments): k = 15 nearest neighbours, an archive threshold that
 * starts at 6 and never falls below 0.25 maze units (of a maze about 200
 * units wide: 0.03 and 0.00125 of the scaled [0, 1] descriptors here),
 * lowered by 5 % after 10 generations without an addition and raised by
 * 20 % when more than 4 join in one generation.
 *
 * Generational, where the paper's NEAT is steady-state (rtNEAT): each
 * genome's novelty is measured against the rest of its generation and the
 * archive as it was when the generation began, then the genomes above the
 * threshold join the archive in order.  A genome is not its own neighbour.
 */
#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-novelty.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "mdk-columns.h"
#include "mdk-rng.h"
#include "mdk-run-state.h"

struct _MdkNovelty
{
  MdkNoveltyParams p;
  guint            dims;
  GArray          *archive;        /* double, dims per point */
  double           threshold;
  guint            since_added;    /* generations without an addition */
  MdkRng           rng;            /* the random archive rule's */
  double          *nearest;        /* scratch: the k smallest distances */
};

#define GROUP_SEARCH N_("Novelty search")
#define GROUP_ARCHIVE N_("Novelty archive")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkNoveltyParams, field)

static const MdkParamChoice objective_choices[] = {
  { "fitness", N_("Fitness") },
  { "novelty", N_("Novelty") },
  { "mix", N_("Fitness and novelty") },
  { NULL, NULL }
};

static const MdkParamChoice archive_rule_choices[] = {
  { "threshold", N_("Above the threshold") },
  { "random", N_("At random") },
  { NULL, NULL }
};

const MdkParamSpec mdk_novelty_param_table[MDK_NOVELTY_N_PARAMS] = {
  { "objective", N_("Search for"), GROUP_SEARCH,
    N_("What the algorithm selects on: the task's fitness, the novelty of the behaviour "
       "(novelty search, Lehman & Stanley 2011), or a weighted mix of both. The history, "
       "the champion and solving always use the task's fitness."),
    NUM (objective, MDK_PARAM_CHOICE, 0, 0, MDK_OBJECTIVE_FITNESS), .choices = objective_choices },
  { "novelty_weight", N_("Novelty weight"), GROUP_SEARCH,
    N_("For the mix: the score is (1 − w) × fitness + w × novelty, both scaled to [0, 1] "
       "within the generation (Cuccu & Gomez 2011)."),
    NUM (weight, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.5) },
  { "novelty_k", N_("Nearest neighbours"), GROUP_SEARCH,
    N_("Novelty is the mean distance to this many nearest behaviours in the generation and "
       "the archive (the paper: 15)."),
    NUM (k, MDK_PARAM_INT, 1, 1000, 15) },
  { "archive_rule", N_("Archive additions"), GROUP_ARCHIVE,
    N_("Which genomes' behaviours join the archive: those whose novelty is above the "
       "threshold (the paper), or each with a fixed probability."),
    NUM (archive_rule, MDK_PARAM_CHOICE, 0, 0, MDK_ARCHIVE_THRESHOLD), .choices = archive_rule_choices },
  { "archive_threshold", N_("Archive threshold"), GROUP_ARCHIVE,
    N_("The novelty a behaviour needs to join the archive, at the start (the paper's maze: "
       "6 units of about 200, 0.03 of the scaled behaviour)."),
    NUM (threshold, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.03) },
  { "threshold_floor", N_("Lowest threshold"), GROUP_ARCHIVE,
    N_("The threshold is never lowered below this (the reference code: 0.25 of 200 units)."),
    NUM (threshold_floor, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.00125) },
  { "threshold_lower_after", N_("Lower after"), GROUP_ARCHIVE,
    N_("Generations without an addition to the archive after which the threshold is "
       "lowered (the paper: 2,500 evaluations, 10 generations of 250)."),
    NUM (lower_after, MDK_PARAM_INT, 1, 100000, 10) },
  { "threshold_lower", N_("Lowering factor"), GROUP_ARCHIVE,
    N_("The threshold is multiplied by this when it is lowered (the paper: 0.95)."),
    NUM (lower_factor, MDK_PARAM_DOUBLE, 0.01, 1.0, 0.95) },
  { "threshold_raise_above", N_("Raise above"), GROUP_ARCHIVE,
    N_("When more behaviours than this join the archive in one generation, the threshold "
       "is raised (the paper: 4)."),
    NUM (raise_above, MDK_PARAM_INT, 0, 100000, 4) },
  { "threshold_raise", N_("Raising factor"), GROUP_ARCHIVE,
    N_("The threshold is multiplied by this when it is raised (the paper: 1.2)."),
    NUM (raise_factor, MDK_PARAM_DOUBLE, 1.0, 100.0, 1.2) },
  { "archive_probability", N_("Addition probability"), GROUP_ARCHIVE,
    N_("For random additions: the chance that a genome's behaviour joins the archive (the "
       "authors' later code: 0.001)."),
    NUM (add_probability, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.001) },
};

/* On a log scale, so that a threshold of a few hundredths shows beside
 * an archive of thousands. */
const MdkStatSpec mdk_novelty_stats[MDK_NOVELTY_N_STATS] = {
  { "archive_size", N_("Archive size"), N_("Behaviours in the novelty archive."), TRUE },
  { "novelty_threshold", N_("Archive threshold"), N_("The novelty a behaviour needs to join the archive."), TRUE },
};

MdkNovelty *
mdk_novelty_new (const MdkNoveltyParams *params,
                 guint                   n_behaviour,
                 guint64                 seed)
{
  MdkNovelty *self;

  g_return_val_if_fail (n_behaviour > 0 && n_behaviour <= MDK_MAX_BEHAVIOUR, NULL);

  self = g_new0 (MdkNovelty, 1);
  self->p = *params;
  self->dims = n_behaviour;
  self->archive = g_array_new (FALSE, FALSE, sizeof (double));
  self->threshold = params->threshold;
  /* Its own stream: the archive's draws never shift the optimizer's. */
  mdk_rng_init (&self->rng, seed ^ G_GUINT64_CONSTANT (0x6e6f76656c747901));
  self->nearest = g_new (double, params->k);
  return self;
}

void
mdk_novelty_free (MdkNovelty *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->archive);
  g_free (self->nearest);
  g_free (self);
}

static gboolean
is_finite_point (const double *x,
                 guint         dims)
{
  for (guint d = 0; d < dims; d++)
    if (!isfinite (x[d]))
      return FALSE;
  return TRUE;
}

static double
distance (const double *a,
          const double *b,
          guint         dims)
{
  double sum = 0.0;

  for (guint d = 0; d < dims; d++)
    sum += (a[d] - b[d]) * (a[d] - b[d]);
  return sqrt (sum);
}

/* Keeps nearest[0 … *n) the smallest distances seen, in increasing order. */
static void
offer_distance (double *nearest,
                guint  *n,
                guint   k,
                double  d)
{
  guint i;

  if (*n == k && d >= nearest[k - 1])
    return;
  i = *n < k ? (*n)++ : k - 1;
  while (i > 0 && nearest[i - 1] > d)
    {
      nearest[i] = nearest[i - 1];
      i--;
    }
  nearest[i] = d;
}

double
mdk_novelty_of (const MdkNovelty *self,
                const double     *point,
                const double     *points,
                guint             n_points,
                guint             self_index)
{
  const guint dims = self->dims, k = self->p.k;
  const double *archive = (const double *) (gconstpointer) self->archive->data;
  guint n_archive = self->archive->len / dims, n = 0;
  double sum = 0.0;

  for (guint j = 0; j < n_points; j++)
    if (j != self_index && is_finite_point (points + (gsize) j * dims, dims))
      offer_distance (self->nearest, &n, k, distance (point, points + (gsize) j * dims, dims));
  for (guint j = 0; j < n_archive; j++)
    offer_distance (self->nearest, &n, k, distance (point, archive + (gsize) j * dims, dims));
  /* Nearest first, so the sum does not depend on the order of the points. */
  for (guint i = 0; i < n; i++)
    sum += self->nearest[i];
  return n > 0 ? sum / n : 0.0;
}

static gboolean
joins_archive (MdkNovelty *self,
               double      novelty)
{
  if (self->p.archive_rule == MDK_ARCHIVE_RANDOM)
    return mdk_rng_uniform (&self->rng) < self->p.add_probability;
  return novelty > self->threshold;
}

/* noveltyset.h's add_pending (): lowered after a drought, raised after a
 * flood. */
static void
adapt_threshold (MdkNovelty *self,
                 guint       added)
{
  if (self->p.archive_rule != MDK_ARCHIVE_THRESHOLD)
    return;
  self->since_added = added == 0 ? self->since_added + 1 : 0;
  if (self->since_added >= (guint) self->p.lower_after)
    {
      self->threshold = MAX (self->threshold * self->p.lower_factor, self->p.threshold_floor);
      self->since_added = 0;
    }
  if (added > (guint) self->p.raise_above)
    self->threshold *= self->p.raise_factor;
}

void
mdk_novelty_step (MdkNovelty          *self,
                  const MdkEvalResult *results,
                  guint                n,
                  double              *novelty)
{
  const guint dims = self->dims;
  g_autofree double *points = g_new (double, (gsize) MAX (n, 1) * dims);
  guint added = 0;

  for (guint i = 0; i < n; i++)
    memcpy (points + (gsize) i * dims, results[i].behaviour, sizeof (double) * dims);
  for (guint i = 0; i < n; i++)
    novelty[i] = is_finite_point (points + (gsize) i * dims, dims)
                 ? mdk_novelty_of (self, points + (gsize) i * dims, points, n, i) : NAN;
  /* After every novelty is known: the archive of the generation's start
   * judges them all. */
  for (guint i = 0; i < n; i++)
    if (isfinite (novelty[i]) && joins_archive (self, novelty[i]))
      {
        g_array_append_vals (self->archive, points + (gsize) i * dims, dims);
        added++;
      }
  adapt_threshold (self, added);
}

/* (v − min) / (max − min) over the finite values; 0 for the others and
 * when all are equal. */
static void
normalise (double *v,
           guint   n)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        lo = MIN (lo, v[i]);
        hi = MAX (hi, v[i]);
      }
  for (guint i = 0; i < n; i++)
    v[i] = isfinite (v[i]) && hi > lo ? (v[i] - lo) / (hi - lo) : 0.0;
}

/* The mix is Cuccu & Gomez's linear scalarisation ("When novelty is not
 * enough", EvoApplications 2011): both terms scaled to [0, 1] within the
 * generation, so the weight means the same for any task. */
void
mdk_novelty_scores (const MdkNoveltyParams *params,
                    const MdkEvalResult    *results,
                    const double           *novelty,
                    guint                   n,
                    double                 *scores)
{
  g_autofree double *fit = NULL;

  switch (params->objective)
    {
    case MDK_OBJECTIVE_NOVELTY:
      memcpy (scores, novelty, sizeof (double) * n);
      return;
    case MDK_OBJECTIVE_MIX:
      fit = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          fit[i] = results[i].fitness;
          scores[i] = novelty[i];
        }
      normalise (fit, n);
      normalise (scores, n);
      for (guint i = 0; i < n; i++)
        scores[i] = (1.0 - params->weight) * fit[i] + params->weight * scores[i];
      return;
    case MDK_OBJECTIVE_FITNESS:
    default:
      for (guint i = 0; i < n; i++)
        scores[i] = results[i].fitness;
      return;
    }
}

guint
mdk_novelty_get_dims (const MdkNovelty *self)
{
  return self->dims;
}

const double *
mdk_novelty_get_archive (const MdkNovelty *self,
                         guint            *n_points)
{
  *n_points = self->archive->len / self->dims;
  return (const double *) (gconstpointer) self->archive->data;
}

double
mdk_novelty_get_threshold (const MdkNovelty *self)
{
  return self->threshold;
}

void
mdk_novelty_get_stats (const MdkNovelty *self,
                       double           *stats)
{
  stats[0] = self->archive->len / self->dims;
  stats[1] = self->threshold;
}

/* The archive's behaviours, point after point, as one packed column. */
static const MdkColumnGroup archive_group = {
  "archive", 1, { "behaviour" }, { MDK_COLUMN_F64 },
};

JsonNode *
mdk_novelty_save_state (const MdkNovelty *self)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GByteArray **columns = mdk_columns_new (&archive_group, self->archive->len);
  g_autofree char *rng = mdk_rng_to_string (&self->rng);

  json_object_set_int_member (obj, "dimensions", self->dims);
  json_object_set_int_member (obj, "count", self->archive->len / self->dims);
  for (guint i = 0; i < self->archive->len; i++)
    mdk_columns_put_double (columns[0], g_array_index (self->archive, double, i));
  mdk_columns_add (obj, &archive_group, columns);
  json_object_set_member (obj, "threshold", mdk_run_state_double_node (self->threshold));
  json_object_set_int_member (obj, "since_added", self->since_added);
  json_object_set_string_member (obj, "rng", rng);
  json_node_take_object (node, obj);
  return node;
}

gboolean
mdk_novelty_load_state (MdkNovelty  *self,
                        JsonNode    *node,
                        const char  *path,
                        GError     **error)
{
  JsonObject *obj;
  GBytes **columns;
  guint64 dims, count, since_added;
  double threshold;
  const char *rng;
  MdkRng parsed;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: must be an object"), path);
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!mdk_run_state_get_uint (obj, "dimensions", path, MDK_MAX_BEHAVIOUR, &dims, error) ||
      !mdk_run_state_get_uint (obj, "count", path, G_MAXINT32 / MDK_MAX_BEHAVIOUR, &count, error) ||
      !mdk_run_state_get_double (obj, "threshold", path, &threshold, error) ||
      !mdk_run_state_get_uint (obj, "since_added", path, G_MAXUINT32, &since_added, error) ||
      (rng = mdk_run_state_get_string (obj, "rng", path, error)) == NULL)
    return FALSE;
  if (dims != self->dims)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must be %u, the task’s behaviour dimensions"), path, "dimensions",
                   self->dims);
      return FALSE;
    }
  if (!(threshold >= 0.0) || !isfinite (threshold))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must be a number"), path, "threshold");
      return FALSE;
    }
  if (!mdk_rng_from_string (&parsed, rng))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” is not a random number generator state"), path, "rng");
      return FALSE;
    }
  columns = mdk_columns_read (obj, &archive_group, count * dims, path, error);
  if (columns == NULL)
    return FALSE;
  g_array_set_size (self->archive, 0);
  for (guint64 i = 0; i < count * dims; i++)
    {
      double v = mdk_columns_get_double (columns, 0, i);

      if (!isfinite (v))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: the archive holds a behaviour that is not a finite number"), path);
          mdk_columns_free (&archive_group, columns);
          return FALSE;
        }
      g_array_append_val (self->archive, v);
    }
  mdk_columns_free (&archive_group, columns);
  self->threshold = threshold;
  self->since_added = since_added;
  self->rng = parsed;
  return TRUE;
}
