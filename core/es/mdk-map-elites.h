/* mdk-map-elites.h: MAP-Elites on a fixed network's weights */
#pragma once

#include <glib.h>

#include "mdk-es.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_MAP_ELITES_GAUSSIAN,   /* x_a + σ · N(0, I) (Mouret & Clune 2015) */
  MDK_MAP_ELITES_ISO_LINE,   /* x_a + σ · N(0, I) + σ_line · N(0, 1) · (x_b − x_a) */
} MdkMapElitesVariation;

typedef struct
{
  MdkEsNetworkParams net;
  int                bins;            /* per behaviour dimension */
  int                batch_size;      /* children per generation */
  int                initial_random;  /* random genomes before selection */
  int                variation;       /* MdkMapElitesVariation */
  double             sigma;
  double             line_sigma;
  double             qd_offset;
} MdkMapElitesParams;

extern const MdkOptimizerClass mdk_map_elites_class;

/* The cell of a behaviour (its first two numbers, each clamped to
 * [0, 1]) in a grid of @bins × @bins, or -1 when they are not finite. */
int mdk_map_elites_cell (const double *behaviour,
                         guint         bins);

G_END_DECLS
