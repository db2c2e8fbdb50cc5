import { useTranslation } from 'react-i18next';
import { AssemblyList } from '../components/assembly-list';
import { Page } from '../components/page';

export function AssembliesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('assemblies.title')}>
      <AssemblyList linkBase="/assemblies" className="list card" showKind />
    </Page>
  );
}
