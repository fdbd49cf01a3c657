#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-lineage-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-history.h"
#include "mdk-neat-genome.h"

/* Sizes in pixels at scale 1. */
#define BOX_W 150.0
#define BOX_H 46.0
#define H_GAP 40.0
#define V_GAP 12.0
#define MARGIN 12.0
#define HEADER_H 22.0
#define MAX_PER_COLUMN 12
#define MIN_SCALE 0.4

typedef struct
{
  MdkGenomeInfo  info;       /* only info.id when !known */
  gboolean       known;
  guint          depth;
  double         x, y;       /* top left, content coordinates */
  PangoLayout   *title;      /* "#123" or "…" */
  PangoLayout   *value;      /* fitness, or the id of a forgotten genome */
  PangoLayout   *origin;     /* "crossover, +node"; NULL when unknown */
} Box;

typedef struct
{
  guint child;
  guint parent;
} Edge;

typedef struct
{
  PangoLayout *layout;
  double       x, y;
} Text;

struct _MdkLineageView
{
  GtkWidget    parent_instance;

  MdkLineage  *lineage;
  guint64      genome_id;

  /* Prepared by rebuild (), drawn by snapshot (). */
  GArray      *boxes;        /* Box */
  GArray      *edges;        /* Edge */
  GArray      *texts;        /* Text: column headers and "+N more" */
  PangoLayout *message;      /* shown instead of a tree, or NULL */
  double       content_w, content_h;
  double       scale, offset_x, offset_y;
};

G_DEFINE_FINAL_TYPE (MdkLineageView, mdk_lineage_view, GTK_TYPE_WIDGET)

char *
mdk_lineage_describe_origin (guint origin,
                             guint mutations)
{
  static const struct { guint bit; const char *word; } words[] = {
    { MDK_NEAT_MUT_ADD_NODE, NC_("mutation", "+node") },
    { MDK_NEAT_MUT_ADD_CONNECTION, NC_("mutation", "+conn") },
    { MDK_NEAT_MUT_DELETE_NODE, NC_("mutation", "−node") },
    { MDK_NEAT_MUT_DELETE_CONNECTION, NC_("mutation", "−conn") },
    { MDK_NEAT_MUT_TOGGLE_ENABLE, NC_("mutation", "toggle") },
    { MDK_NEAT_MUT_ACTIVATION, NC_("mutation", "activation") },
    { MDK_NEAT_MUT_WEIGHTS, NC_("mutation", "weights") },
    { MDK_NEAT_MUT_BIAS, NC_("mutation", "biases") },
  };
  /* TRANSLATORS: between the words of a short list, "crossover, +node" */
  const char *separator = C_("list separator", ", ");
  GString *s = g_string_new (NULL);

  switch (origin)
    {
    case MDK_GENOME_ORIGIN_SAMPLED:
      g_string_append (s, C_("origin", "sampled"));
      break;
    case MDK_NEAT_ORIGIN_INITIAL:
      g_string_append (s, C_("origin", "initial"));
      break;
    case MDK_NEAT_ORIGIN_ELITE:
      g_string_append (s, C_("origin", "elite"));
      break;
    case MDK_NEAT_ORIGIN_CROSSOVER:
      g_string_append (s, C_("origin", "crossover"));
      break;
    case MDK_NEAT_ORIGIN_INTERSPECIES:
      g_string_append (s, C_("origin", "interspecies"));
      break;
    case MDK_NEAT_ORIGIN_EDITED:
      g_string_append (s, C_("origin", "edited"));
      break;
    case MDK_NEAT_ORIGIN_MUTATION:
    default:
      if (mutations == 0)
        g_string_append (s, C_("origin", "mutation"));
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (mutations & words[i].bit)
      {
        if (s->len > 0)
          g_string_append (s, separator);
        g_string_append (s, g_dpgettext2 (GETTEXT_PACKAGE, "mutation", words[i].word));
      }
  return g_string_free (s, FALSE);
}

static void
box_clear (gpointer data)
{
  Box *b = data;

  g_clear_object (&b->title);
  g_clear_object (&b->value);
  g_clear_object (&b->origin);
}

static void
text_clear (gpointer data)
{
  Text *t = data;

  g_clear_object (&t->layout);
}

static PangoLayout *
make_layout (MdkLineageView *self,
             const char     *text,
             gboolean        bold,
             double          max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static char *
format_fitness (double fitness)
{
  if (!isfinite (fitness))
    return g_strdup ("—");
  return g_strdup_printf ("%.5g", fitness);
}

static void
reset_prepared (MdkLineageView *self)
{
  g_array_set_size (self->boxes, 0);
  g_array_set_size (self->edges, 0);
  g_array_set_size (self->texts, 0);
  g_clear_object (&self->message);
  self->content_w = self->content_h = 0;
}

static void
update_transform (MdkLineageView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale = 1.0;

  if (self->content_w > 0 && self->content_h > 0 && w > 0 && h > 0)
    scale = CLAMP (MIN (w / self->content_w, h / self->content_h), MIN_SCALE, 1.0);
  self->scale = scale;
  self->offset_x = MAX ((w - self->content_w * scale) / 2, 0);
  self->offset_y = MAX ((h - self->content_h * scale) / 2, 0);
}

/* True when a box already kept names @id as a parent. */
static gboolean
has_kept_child (MdkLineageView *self,
                guint64         id)
{
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);
      if (b->known && (b->info.parent1 == id || b->info.parent2 == id))
        return TRUE;
    }
  return FALSE;
}

static int
find_box (MdkLineageView *self,
          guint64         id)
{
  for (guint i = 0; i < self->boxes->len; i++)
    if (g_array_index (self->boxes, Box, i).info.id == id)
      return i;
  return -1;
}

/* Reads the ancestors from the store and lays the tree out. */
static void
rebuild (MdkLineageView *self)
{
  g_autoptr(GArray) entries = NULL;
  guint n_columns, max_rows = 0;
  guint per_column[MDK_LINEAGE_VIEW_MAX_DEPTH + 1] = { 0 };
  guint hidden[MDK_LINEAGE_VIEW_MAX_DEPTH + 1] = { 0 };
  guint row[MDK_LINEAGE_VIEW_MAX_DEPTH + 1] = { 0 };

  reset_prepared (self);
  if (self->genome_id == 0)
    {
      self->message = make_layout (self, _("Select a genome to see its ancestors"), FALSE, -1);
      goto out;
    }
  if (self->lineage == NULL)
    {
      self->message = make_layout (self, _("No lineage has been recorded yet"), FALSE, -1);
      goto out;
    }

  entries = mdk_lineage_ancestors (self->lineage, self->genome_id, MDK_LINEAGE_VIEW_MAX_DEPTH);

  /* Keep each entry that a kept box descends from, MAX_PER_COLUMN a column;
   * breadth-first order means children are decided before their parents. */
  for (guint i = 0; i < entries->len; i++)
    {
      const MdkLineageEntry *e = &g_array_index (entries, MdkLineageEntry, i);
      Box box = { .info = e->info, .known = e->known, .depth = e->depth };

      if (e->depth > 0 && !has_kept_child (self, e->info.id))
        continue;
      if (per_column[e->depth] >= MAX_PER_COLUMN)
        {
          hidden[e->depth]++;
          continue;
        }
      per_column[e->depth]++;
      g_array_append_val (self->boxes, box);
    }

  n_columns = 0;
  for (guint d = 0; d <= MDK_LINEAGE_VIEW_MAX_DEPTH; d++)
    if (per_column[d] > 0)
      {
        n_columns = d + 1;
        max_rows = MAX (max_rows, per_column[d] + (hidden[d] > 0));
      }
  self->content_w = 2 * MARGIN + n_columns * BOX_W + (n_columns - 1) * H_GAP;
  self->content_h = 2 * MARGIN + HEADER_H + max_rows * BOX_H + (max_rows - 1) * V_GAP;

  /* The genome at the right, each generation back one column to the left,
   * every column centred vertically. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *b = &g_array_index (self->boxes, Box, i);
      guint rows = per_column[b->depth] + (hidden[b->depth] > 0);
      double top = MARGIN + HEADER_H + (max_rows - rows) * (BOX_H + V_GAP) / 2;
      g_autofree char *value = NULL;

      b->x = MARGIN + (n_columns - 1 - b->depth) * (BOX_W + H_GAP);
      b->y = top + row[b->depth]++ * (BOX_H + V_GAP);
      if (b->known)
        {
          g_autofree char *title = g_strdup_printf ("#%" G_GUINT64_FORMAT, b->info.id);
          g_autofree char *origin = mdk_lineage_describe_origin (b->info.origin, b->info.mutations);

          value = format_fitness (b->info.fitness);
          b->title = make_layout (self, title, TRUE, BOX_W * 0.55);
          b->value = make_layout (self, value, FALSE, -1);
          b->origin = make_layout (self, origin, FALSE, BOX_W - 16);
        }
      else
        {
          value = g_strdup_printf ("#%" G_GUINT64_FORMAT, b->info.id);
          b->title = make_layout (self, "…", TRUE, -1);
          b->value = make_layout (self, value, FALSE, -1);
        }
    }

  /* Column headers, and "+N more" under a full column. */
  for (guint d = 0; d < n_columns; d++)
    {
      double x = MARGIN + (n_columns - 1 - d) * (BOX_W + H_GAP);
      g_autofree char *header = NULL;

      for (guint i = 0; i < self->boxes->len && header == NULL; i++)
        {
          const Box *b = &g_array_index (self->boxes, Box, i);
          if (b->depth == d && b->known)
            header = g_strdup_printf (_("Generation %u"), b->info.generation);
        }
      if (header != NULL)
        {
          Text t = { make_layout (self, header, FALSE, BOX_W), x, MARGIN };
          g_array_append_val (self->texts, t);
        }
      if (hidden[d] > 0)
        {
          guint rows = per_column[d] + 1;
          double top = MARGIN + HEADER_H + (max_rows - rows) * (BOX_H + V_GAP) / 2;
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more ancestor",
                                                                "+%u more ancestors", hidden[d]),
                                                   hidden[d]);
          Text t = { make_layout (self, more, FALSE, BOX_W), x,
                     top + per_column[d] * (BOX_H + V_GAP) + BOX_H / 2 - 8 };
          g_array_append_val (self->texts, t);
        }
    }

  /* Edges from each child to its parents that are shown. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);
      guint64 parents[2] = { b->info.parent1, b->info.parent2 };

      if (!b->known)
        continue;
      for (guint p = 0; p < 2; p++)
        {
          int j;

          if (parents[p] == 0 || (p == 1 && parents[1] == parents[0]))
            continue;
          j = find_box (self, parents[p]);
          if (j >= 0)
            {
              Edge edge = { i, j };
              g_array_append_val (self->edges, edge);
            }
        }
    }

out:
  update_transform (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
set_fg (cairo_t       *cr,
        const GdkRGBA *fg,
        double         alpha)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * alpha);
}

static void
draw_tree (MdkLineageView *self,
           cairo_t        *cr,
           const GdkRGBA  *fg)
{
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->scale, self->scale);

  /* Edges under the boxes: child's left side to parent's right side. */
  set_fg (cr, fg, 0.4);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *e = &g_array_index (self->edges, Edge, i);
      const Box *c = &g_array_index (self->boxes, Box, e->child);
      const Box *p = &g_array_index (self->boxes, Box, e->parent);
      double x1 = c->x, y1 = c->y + BOX_H / 2, x2 = p->x + BOX_W, y2 = p->y + BOX_H / 2;
      double dx = (x1 - x2) / 2;

      cairo_move_to (cr, x1, y1);
      cairo_curve_to (cr, x1 - dx, y1, x2 + dx, y2, x2, y2);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);
      int tw, th;

      rounded_rect (cr, b->x + 0.5, b->y + 0.5, BOX_W - 1, BOX_H - 1, 5);
      if (b->known)
        {
          MdkRGBA color;

          mdk_history_species_color (b->info.species_id, &color);
          /* Opaque first, so edges do not show through the tint. */
          cairo_save (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_fill_preserve (cr);
          cairo_restore (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.22);
          cairo_fill_preserve (cr);
          set_fg (cr, fg, b->depth == 0 ? 0.9 : 0.45);
          cairo_set_line_width (cr, b->depth == 0 ? 2.0 : 1.0);
          cairo_stroke (cr);
          /* The species colour as a strip on the left. */
          cairo_rectangle (cr, b->x + 1, b->y + 6, 4, BOX_H - 12);
          cairo_set_source_rgb (cr, color.red, color.green, color.blue);
          cairo_fill (cr);
        }
      else
        {
          double dash[2] = { 3, 3 };

          cairo_save (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_fill_preserve (cr);
          cairo_restore (cr);
          set_fg (cr, fg, 0.4);
          cairo_set_line_width (cr, 1.0);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      set_fg (cr, fg, b->known ? 1.0 : 0.6);
      pango_layout_get_pixel_size (b->title, &tw, &th);
      cairo_move_to (cr, b->x + 10, b->y + 5);
      pango_cairo_show_layout (cr, b->title);
      pango_layout_get_pixel_size (b->value, &tw, &th);
      if (b->known)
        cairo_move_to (cr, b->x + BOX_W - 8 - tw, b->y + 5);
      else
        cairo_move_to (cr, b->x + 10, b->y + BOX_H - 5 - th);
      set_fg (cr, fg, b->known ? 0.9 : 0.5);
      pango_cairo_show_layout (cr, b->value);
      if (b->origin != NULL)
        {
          pango_layout_get_pixel_size (b->origin, &tw, &th);
          set_fg (cr, fg, 0.65);
          cairo_move_to (cr, b->x + 10, b->y + BOX_H - 5 - th);
          pango_cairo_show_layout (cr, b->origin);
        }
    }

  set_fg (cr, fg, 0.6);
  for (guint i = 0; i < self->texts->len; i++)
    {
      const Text *t = &g_array_index (self->texts, Text, i);
      cairo_move_to (cr, t->x, t->y);
      pango_cairo_show_layout (cr, t->layout);
    }
}

static void
mdk_lineage_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MdkLineageView *self = MDK_LINEAGE_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  if (self->message != NULL)
    {
      int tw, th;

      pango_layout_get_pixel_size (self->message, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - tw) / 2.0f, (h - th) / 2.0f));
      fg.alpha *= 0.55f;
      gtk_snapshot_append_layout (snapshot, self->message, &fg);
      gtk_snapshot_restore (snapshot);
      return;
    }
  if (self->boxes->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_push_group (cr);
  draw_tree (self, cr, &fg);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
mdk_lineage_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MdkLineageView *self = MDK_LINEAGE_VIEW (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->content_w : self->content_h;

  /* Smaller than the tree is fine: it is drawn scaled down, to a point. */
  *natural = MAX ((int) ceil (size), orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 120);
  *minimum = MIN (*natural, MAX ((int) ceil (size * MIN_SCALE), 120));
}

static void
mdk_lineage_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_transform (MDK_LINEAGE_VIEW (widget));
}

static void
mdk_lineage_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  MdkLineageView *self = MDK_LINEAGE_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_lineage_view_parent_class)->css_changed (widget, change);
  /* The layouts carry the font: make them again. */
  if (self->boxes != NULL)
    rebuild (self);
}

static const Box *
box_at (MdkLineageView *self,
        double          x,
        double          y)
{
  double cx = (x - self->offset_x) / self->scale, cy = (y - self->offset_y) / self->scale;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);
      if (cx >= b->x && cx <= b->x + BOX_W && cy >= b->y && cy <= b->y + BOX_H)
        return b;
    }
  return NULL;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  MdkLineageView *self = MDK_LINEAGE_VIEW (widget);
  const Box *b = keyboard ? NULL : box_at (self, x, y);
  g_autoptr(GString) s = NULL;
  g_autofree char *fitness = NULL, *origin = NULL, *id = NULL, *p1 = NULL, *p2 = NULL;

  if (b == NULL)
    return FALSE;
  s = g_string_new (NULL);
  id = g_strdup_printf ("%" G_GUINT64_FORMAT, b->info.id);
  if (!b->known)
    {
      g_string_append_printf (s, _("Genome %s is no longer recorded"), id);
      gtk_tooltip_set_text (tooltip, s->str);
      return TRUE;
    }
  fitness = format_fitness (b->info.fitness);
  origin = mdk_lineage_describe_origin (b->info.origin, b->info.mutations);
  p1 = g_strdup_printf ("%" G_GUINT64_FORMAT, b->info.parent1);
  p2 = g_strdup_printf ("%" G_GUINT64_FORMAT, b->info.parent2);
  g_string_append_printf (s, _("Genome %s"), id);
  g_string_append_c (s, '\n');
  if (b->info.species_id != 0)
    g_string_append_printf (s, _("Born in generation %u, species %u"), b->info.generation, b->info.species_id);
  else
    g_string_append_printf (s, _("Born in generation %u"), b->info.generation);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Fitness: %s"), fitness);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Hidden nodes: %u, connections: %u"), b->info.hidden, b->info.connections);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Made by: %s"), origin);
  if (b->info.parent1 != 0 && b->info.parent2 != 0 && b->info.parent1 != b->info.parent2)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Parents: %s and %s"), p1, p2);
    }
  else if (b->info.parent1 != 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Parent: %s"), p1);
    }
  gtk_tooltip_set_text (tooltip, s->str);
  return TRUE;
}

static void
mdk_lineage_view_finalize (GObject *object)
{
  MdkLineageView *self = MDK_LINEAGE_VIEW (object);

  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->texts, g_array_unref);
  g_clear_object (&self->message);
  g_clear_pointer (&self->lineage, mdk_lineage_unref);

  G_OBJECT_CLASS (mdk_lineage_view_parent_class)->finalize (object);
}

static void
mdk_lineage_view_class_init (MdkLineageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mdk_lineage_view_finalize;
  widget_class->snapshot = mdk_lineage_view_snapshot;
  widget_class->measure = mdk_lineage_view_measure;
  widget_class->size_allocate = mdk_lineage_view_size_allocate;
  widget_class->css_changed = mdk_lineage_view_css_changed;

  gtk_widget_class_set_css_name (widget_class, "lineage-view");
}

static void
mdk_lineage_view_init (MdkLineageView *self)
{
  self->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (self->boxes, box_clear);
  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  self->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->texts, text_clear);
  self->scale = 1.0;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

GtkWidget *
mdk_lineage_view_new (void)
{
  return g_object_new (MDK_TYPE_LINEAGE_VIEW, NULL);
}

void
mdk_lineage_view_set_lineage (MdkLineageView *self,
                              MdkLineage     *lineage)
{
  g_return_if_fail (MDK_IS_LINEAGE_VIEW (self));

  if (self->lineage == lineage)
    return;
  g_clear_pointer (&self->lineage, mdk_lineage_unref);
  self->lineage = lineage ? mdk_lineage_ref (lineage) : NULL;
  rebuild (self);
}

MdkLineage *
mdk_lineage_view_get_lineage (MdkLineageView *self)
{
  g_return_val_if_fail (MDK_IS_LINEAGE_VIEW (self), NULL);

  return self->lineage;
}

void
mdk_lineage_view_show (MdkLineageView *self,
                       guint64         genome_id)
{
  g_return_if_fail (MDK_IS_LINEAGE_VIEW (self));

  self->genome_id = genome_id;
  rebuild (self);
}

guint64
mdk_lineage_view_get_genome_id (MdkLineageView *self)
{
  g_return_val_if_fail (MDK_IS_LINEAGE_VIEW (self), 0);

  return self->genome_id;
}

void
mdk_lineage_view_refresh (MdkLineageView *self)
{
  g_return_if_fail (MDK_IS_LINEAGE_VIEW (self));

  rebuild (self);
}

guint
mdk_lineage_view_get_n_boxes (MdkLineageView *self)
{
  g_return_val_if_fail (MDK_IS_LINEAGE_VIEW (self), 0);

  return self->boxes->len;
}

guint
mdk_lineage_view_get_n_missing (MdkLineageView *self)
{
  guint n = 0;

  g_return_val_if_fail (MDK_IS_LINEAGE_VIEW (self), 0);

  for (guint i = 0; i < self->boxes->len; i++)
    n += !g_array_index (self->boxes, Box, i).known;
  return n;
}

guint
mdk_lineage_view_get_n_edges (MdkLineageView *self)
{
  g_return_val_if_fail (MDK_IS_LINEAGE_VIEW (self), 0);

  return self->edges->len;
}
