/* mdk-elite-map.h: a map of elites over the behaviour space, for the views
 *
 * What MAP-Elites (Mouret & Clune 2015) keeps, without the genomes: a
 * bins × bins grid over the first two numbers of the task's behaviour
 * descriptor, each cell holding the best fitness found with a behaviour in
 * it.  Immutable and refcounted once made, so a report can carry one from
 * the runner's thread to the UI.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint    ref_count;
  guint   bins;         /* per dimension */
  double *fitness;      /* bins × bins, row after row: cell (i, j) at
                         * [j · bins + i] covers behaviour x in [i, i + 1) / bins
                         * and y in [j, j + 1) / bins; NaN: empty */
  guint   filled;
  double  coverage;     /* filled / bins² */
  double  qd_score;     /* see mdk-map-elites.c */
} MdkEliteMap;

MdkEliteMap *mdk_elite_map_new   (guint        bins);
MdkEliteMap *mdk_elite_map_ref   (MdkEliteMap *map);
void         mdk_elite_map_unref (MdkEliteMap *map);
/* The best and worst fitness of the filled cells (FALSE: none). */
gboolean     mdk_elite_map_range (const MdkEliteMap *map,
                                  double            *lo,
                                  double            *hi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkEliteMap, mdk_elite_map_unref)

G_END_DECLS
