import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';

export type Tree = { [key: string]: string | Tree };

/**
 * The UI texts per language: `locales/<lang>.json` plus every feature catalog
 * `locales/<feature>/<lang>.json` (so features own their texts); a feature catalog's keys
 * must not collide with another catalog's (the merge refuses).
 */
const featureCatalogs = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function merge(target: Tree, source: Tree, path: string): Tree {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (existing === undefined) target[key] = typeof value === 'string' ? value : merge({}, value, at);
    else if (typeof existing !== 'string' && typeof value !== 'string') merge(existing, value, at);
    else throw new Error(`Translation key defined twice: ${at}`);
  }
  return target;
}

function build(language: 'en' | 'es' | 'fr', base: Tree): Tree {
  const tree = merge({}, base, '');
  for (const [file, catalog] of Object.entries(featureCatalogs)) {
    if (file.endsWith(`/${language}.json`)) merge(tree, catalog, '');
  }
  return tree;
}

export const resources = { en: build('en', en), es: build('es', es), fr: build('fr', fr) };
