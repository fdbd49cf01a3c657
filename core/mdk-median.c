/* The median of an array of numbers (see mdk-median.h). */
#include "config.h"

#include "mdk-median.h"

#include <math.h>

/* The k-th smallest of v[0 … n-1] (Hoare's selection), reordering v. */
static double
select_kth (double *v,
            guint   n,
            guint   k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[(lo + hi) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

double
mdk_median (double *v,
            guint   n)
{
  double upper;

  if (n == 0)
    return NAN;
  upper = select_kth (v, n, n / 2);

  if (n % 2)
    return upper;
  /* The lower middle is the largest of the lower half. */
  {
    double lower = v[0];
    for (guint i = 1; i < n / 2; i++)
      lower = MAX (lower, v[i]);
    return 0.5 * (lower + upper);
  }
}
