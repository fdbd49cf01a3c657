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
guint32  mdk_rng_below        (MdkRng       *rng,
                               guint32       n);
double   mdk_rng_gaussian     (MdkRng       *rng);
void     mdk_rng_shuffle      (MdkRng       *rng,
                               guint32      *items,
                               guint         n);
char    *mdk_rng_to_string    (const MdkRng *rng);
gboolean mdk_rng_from_string  (MdkRng       *rng,
                               const char   *str);

/* The draws are inline: they sit in the innermost loops of mutation. */
static inline guint64
mdk_rng_rotl (guint64 x,
              int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
mdk_rng_next (MdkRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = mdk_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = mdk_rng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double
mdk_rng_uniform (MdkRng *rng)
{
  return (mdk_rng_next (rng) >> 11) * 0x1.0p-53;
}

static inline double
mdk_rng_range (MdkRng *rng,
               double  lo,
               double  hi)
{
  return lo + (hi - lo) * mdk_rng_uniform (rng);
}

/* Draws nothing when p <= 0, so turning a mutation off does not shift the
 * random stream of the others. */
static inline gboolean
mdk_rng_chance (MdkRng *rng,
                double  p)
{
  if (p <= 0.0)
    return FALSE;
  return mdk_rng_uniform (rng) < p;
}

G_END_DECLS
