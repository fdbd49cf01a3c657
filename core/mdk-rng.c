#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-rng.h"

#include <math.h>
#include <string.h>

static inline guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
mdk_rng_init (MdkRng  *rng,
              guint64  seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

/* An independent stream for (seed, stream, index), e.g. (run seed,
 * generation, genome index): the result does not depend on which thread
 * evaluates the genome or in which order. */
void
mdk_rng_init_stream (MdkRng  *rng,
                     guint64  seed,
                     guint64  stream,
                     guint64  index)
{
  guint64 x = seed;
  guint64 h = splitmix64 (&x);

  x = h ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));
  h = splitmix64 (&x);
  x = h ^ (index * G_GUINT64_CONSTANT (0x8cb92ba72f3d8dd7));
  mdk_rng_init (rng, splitmix64 (&x));
}

/* Uniform integer in [0, n) without modulo bias (Lemire, 2019). */
guint32
mdk_rng_below (MdkRng  *rng,
               guint32  n)
{
  guint64 m;
  guint32 l;

  g_return_val_if_fail (n > 0, 0);

  m = (mdk_rng_next (rng) >> 32) * (guint64) n;
  l = (guint32) m;
  if (l < n)
    {
      guint32 t = (guint32) (-n) % n;
      while (l < t)
        {
          m = (mdk_rng_next (rng) >> 32) * (guint64) n;
          l = (guint32) m;
        }
    }
  return (guint32) (m >> 32);
}

/* Box–Muller; the second value is discarded so the state stays four words. */
double
mdk_rng_gaussian (MdkRng *rng)
{
  double u1 = 1.0 - mdk_rng_uniform (rng);   /* (0, 1] */
  double u2 = mdk_rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
mdk_rng_shuffle (MdkRng  *rng,
                 guint32 *items,
                 guint    n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = mdk_rng_below (rng, i);
      guint32 t = items[i - 1];
      items[i - 1] = items[j];
      items[j] = t;
    }
}

char *
mdk_rng_to_string (const MdkRng *rng)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x"
                          "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                          rng->s[0], rng->s[1], rng->s[2], rng->s[3]);
}

gboolean
mdk_rng_from_string (MdkRng     *rng,
                     const char *str)
{
  MdkRng tmp;

  if (str == NULL || strlen (str) != 64)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char part[17];
      char *end = NULL;

      memcpy (part, str + 16 * i, 16);
      part[16] = '\0';
      tmp.s[i] = g_ascii_strtoull (part, &end, 16);
      if (end == NULL || *end != '\0')
        return FALSE;
    }
  if ((tmp.s[0] | tmp.s[1] | tmp.s[2] | tmp.s[3]) == 0)
    return FALSE;
  *rng = tmp;
  return TRUE;
}
