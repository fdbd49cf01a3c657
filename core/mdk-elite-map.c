#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-elite-map.h"

#include <math.h>

/* An empty map of @bins × @bins cells. */
MdkEliteMap *
mdk_elite_map_new (guint bins)
{
  MdkEliteMap *map = g_new0 (MdkEliteMap, 1);

  g_return_val_if_fail (bins > 0, NULL);

  map->ref_count = 1;
  map->bins = bins;
  map->fitness = g_new (double, (gsize) bins * bins);
  for (gsize i = 0; i < (gsize) bins * bins; i++)
    map->fitness[i] = NAN;
  return map;
}

MdkEliteMap *
mdk_elite_map_ref (MdkEliteMap *map)
{
  g_atomic_int_inc (&map->ref_count);
  return map;
}

void
mdk_elite_map_unref (MdkEliteMap *map)
{
  if (map == NULL || !g_atomic_int_dec_and_test (&map->ref_count))
    return;
  g_free (map->fitness);
  g_free (map);
}

gboolean
mdk_elite_map_range (const MdkEliteMap *map,
                     double            *lo,
                     double            *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (gsize i = 0; i < (gsize) map->bins * map->bins; i++)
    if (!isnan (map->fitness[i]))
      {
        *lo = MIN (*lo, map->fitness[i]);
        *hi = MAX (*hi, map->fitness[i]);
      }
  return *lo <= *hi;
}
