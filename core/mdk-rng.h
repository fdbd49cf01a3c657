/* mdk-rng.h: seeded, splittable random numbers
 *
 * xoshiro256** (Blackman & Vigna, 2018) seeded through splitmix64. MdkRng is a
 * plain value type so that a stream per genome costs nothing to create: every
 * random draw in Medaka goes through an explicit MdkRng.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} MdkRng;

void     mdk_rng_init         (MdkRng       *rng,
                               guint64       seed);
void     mdk_rng_init_stream  (MdkRng       *rng,
                               guint64       seed,
                               guint64       stream,
                               guint64       index);
guint64  mdk_rng_next         (MdkRng       *rng);
double   mdk_rng_uniform      (MdkRng       *rng);
double   mdk_rng_range        (MdkRng       *rng,
                               double        lo,
                               double        hi);
guint32  mdk_rng_below        (MdkRng       *rng,
                               guint32       n);
gboolean mdk_rng_chance       (MdkRng       *rng,
                               double        p);
double   mdk_rng_gaussian     (MdkRng       *rng);
void     mdk_rng_shuffle      (MdkRng       *rng,
                               guint32      *items,
                               guint         n);
char    *mdk_rng_to_string    (const MdkRng *rng);
gboolean mdk_rng_from_string  (MdkRng       *rng,
                               const char   *str);

G_END_DECLS
