#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-history.h"

#include <math.h>
#include <string.h>

/* Distributions are kept for this many recent generations. */
#define MAX_DISTRIBUTIONS 2000

typedef struct
{
  guint   generation;
  guint   n;
  double *values;   /* fitness, hidden, connections: n each */
} Distribution;

struct _MdkHistory
{
  GObject     parent_instance;
  GArray     *rows;        /* MdkGenerationStats, index = generation */
  GPtrArray  *species;     /* GArray of MdkSpeciesSample per generation, or NULL */
  GQueue      distributions;
};

G_DEFINE_FINAL_TYPE (MdkHistory, mdk_history, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
distribution_free (gpointer data)
{
  Distribution *d = data;

  g_free (d->values);
  g_free (d);
}

/* Generations without species samples hold NULL. */
static void
species_array_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
mdk_history_finalize (GObject *object)
{
  MdkHistory *self = MDK_HISTORY (object);

  g_array_unref (self->rows);
  g_ptr_array_unref (self->species);
  g_queue_clear_full (&self->distributions, distribution_free);
  G_OBJECT_CLASS (mdk_history_parent_class)->finalize (object);
}

static void
mdk_history_class_init (MdkHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdk_history_finalize;

  /**
   * MdkHistory::changed:
   * @first: the first generation that is new or changed (0 after a clear)
   *
   * Rows were appended, or the history was cleared.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mdk_history_init (MdkHistory *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (MdkGenerationStats));
  self->species = g_ptr_array_new_with_free_func (species_array_free);
  g_queue_init (&self->distributions);
}

MdkHistory *
mdk_history_new (void)
{
  return g_object_new (MDK_TYPE_HISTORY, NULL);
}

MdkHistory *
mdk_history_copy (MdkHistory *self)
{
  MdkHistory *copy;

  g_return_val_if_fail (MDK_IS_HISTORY (self), NULL);

  copy = mdk_history_new ();
  g_array_append_vals (copy->rows, self->rows->data, self->rows->len);
  for (guint g = 0; g < self->species->len; g++)
    if (self->species->pdata[g] != NULL)
      {
        GArray *array = self->species->pdata[g];
        mdk_history_set_species (copy, g, (const MdkSpeciesSample *) array->data, array->len);
      }
  return copy;
}

void
mdk_history_clear (MdkHistory *self)
{
  g_return_if_fail (MDK_IS_HISTORY (self));
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->species, 0);
  g_queue_clear_full (&self->distributions, distribution_free);
  g_signal_emit (self, signals[CHANGED], 0, 0u);
}

/* Rows must continue the history: row i has generation length + i. */
void
mdk_history_append (MdkHistory               *self,
                    const MdkGenerationStats *rows,
                    guint                     n_rows)
{
  guint first = self->rows->len;

  g_return_if_fail (MDK_IS_HISTORY (self));
  if (n_rows == 0)
    return;
  g_return_if_fail (rows[0].generation == first);
  g_array_append_vals (self->rows, rows, n_rows);
  g_signal_emit (self, signals[CHANGED], 0, first);
}

void
mdk_history_append_run (MdkHistory   *self,
                        const MdkRun *run)
{
  GArray *rows = mdk_run_get_history (run);
  guint first = self->rows->len;

  g_return_if_fail (MDK_IS_HISTORY (self));
  for (guint g = first; g < rows->len; g++)
    {
      guint n;
      const MdkSpeciesSample *samples = mdk_run_get_species_sizes (run, g, &n);

      if (samples != NULL)
        mdk_history_set_species (self, g, samples, n);
    }
  mdk_history_append (self, &g_array_index (rows, MdkGenerationStats, first), rows->len - first);
}

void
mdk_history_set_species (MdkHistory             *self,
                         guint                   generation,
                         const MdkSpeciesSample *samples,
                         guint                   n_samples)
{
  GArray *array;

  g_return_if_fail (MDK_IS_HISTORY (self));
  if (generation >= self->species->len)
    g_ptr_array_set_size (self->species, generation + 1);
  array = g_array_sized_new (FALSE, FALSE, sizeof (MdkSpeciesSample), n_samples);
  g_array_append_vals (array, samples, n_samples);
  if (self->species->pdata[generation] != NULL)
    g_array_unref (self->species->pdata[generation]);
  self->species->pdata[generation] = array;
}

guint
mdk_history_get_length (MdkHistory *self)
{
  g_return_val_if_fail (MDK_IS_HISTORY (self), 0);
  return self->rows->len;
}

const MdkGenerationStats *
mdk_history_get_row (MdkHistory *self,
                     guint       generation)
{
  g_return_val_if_fail (MDK_IS_HISTORY (self), NULL);
  if (generation >= self->rows->len)
    return NULL;
  return &g_array_index (self->rows, MdkGenerationStats, generation);
}

GArray *
mdk_history_get_rows (MdkHistory *self)
{
  g_return_val_if_fail (MDK_IS_HISTORY (self), NULL);
  return self->rows;
}

const MdkSpeciesSample *
mdk_history_get_species (MdkHistory *self,
                         guint       generation,
                         guint      *n_samples)
{
  GArray *array;

  *n_samples = 0;
  g_return_val_if_fail (MDK_IS_HISTORY (self), NULL);
  if (generation >= self->species->len || self->species->pdata[generation] == NULL)
    return NULL;
  array = self->species->pdata[generation];
  *n_samples = array->len;
  return (const MdkSpeciesSample *) array->data;
}

void
mdk_history_set_distribution (MdkHistory   *self,
                              guint         generation,
                              const double *fitness,
                              const double *hidden,
                              const double *connections,
                              guint         n)
{
  Distribution *d = g_new0 (Distribution, 1);

  g_return_if_fail (MDK_IS_HISTORY (self));
  d->generation = generation;
  d->n = n;
  d->values = g_new (double, 3 * (gsize) MAX (n, 1));
  memcpy (d->values, fitness, sizeof (double) * n);
  memcpy (d->values + n, hidden, sizeof (double) * n);
  memcpy (d->values + 2 * n, connections, sizeof (double) * n);
  g_queue_push_tail (&self->distributions, d);
  while (self->distributions.length > MAX_DISTRIBUTIONS)
    distribution_free (g_queue_pop_head (&self->distributions));
}

gboolean
mdk_history_get_distribution (MdkHistory    *self,
                              guint          generation,
                              const double **fitness,
                              const double **hidden,
                              const double **connections,
                              guint         *n)
{
  g_return_val_if_fail (MDK_IS_HISTORY (self), FALSE);
  /* Newest first: the latest generations are asked for most. */
  for (GList *l = self->distributions.tail; l != NULL; l = l->prev)
    {
      Distribution *d = l->data;
      if (d->generation == generation)
        {
          *fitness = d->values;
          *hidden = d->values + d->n;
          *connections = d->values + 2 * d->n;
          *n = d->n;
          return TRUE;
        }
      if (d->generation < generation)
        break;
    }
  return FALSE;
}

/* Golden-angle hues: neighbouring ids get clearly different colours. */
void
mdk_history_species_color (guint32  species_id,
                           MdkRGBA *color)
{
  double h = fmod (species_id * 137.50776405, 360.0) / 60.0;
  double s = 0.55, v = 0.85;
  double c = v * s, x = c * (1 - fabs (fmod (h, 2.0) - 1)), m = v - c;
  double r = 0, g = 0, b = 0;

  switch ((int) h)
    {
    case 0: r = c; g = x; break;
    case 1: r = x; g = c; break;
    case 2: g = c; b = x; break;
    case 3: g = x; b = c; break;
    case 4: r = x; b = c; break;
    default: r = c; b = x; break;
    }
  color->red = r + m;
  color->green = g + m;
  color->blue = b + m;
  color->alpha = 1.0;
}
