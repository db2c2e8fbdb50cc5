import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The admin pages in the main navigation: shown to admins only. */
export function AdminLinks() {
  const { t } = useTranslation();
  return (
    <>
      <li>
        <NavLink to="/admin/members">{t('admin.nav')}</NavLink>
      </li>
      <li>
        <NavLink to="/admin/budgets">{t('admin.navBudgets')}</NavLink>
      </li>
      <li>
        <NavLink to="/admin/assemblies">{t('admin.navAssemblies')}</NavLink>
      </li>
      <li>
        <NavLink to="/admin/books">{t('admin.navBooks')}</NavLink>
      </li>
      <li>
        <NavLink to="/admin/bylaws">{t('admin.navBylaws')}</NavLink>
      </li>
    </>
  );
}
