import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import { Layout } from './components/layout';
import { MemberGate } from './components/member-gate';
import { Loading } from './components/states';

const SignIn = lazy(() => import('./pages/sign-in').then((module) => ({ default: module.SignInPage })));
const Register = lazy(() => import('./pages/register').then((module) => ({ default: module.RegisterPage })));
const Home = lazy(() => import('./pages/home').then((module) => ({ default: module.HomePage })));
const Proposals = lazy(() => import('./pages/proposals').then((module) => ({ default: module.ProposalsPage })));
const Proposal = lazy(() => import('./pages/proposal').then((module) => ({ default: module.ProposalPage })));
const Verify = lazy(() => import('./pages/verify').then((module) => ({ default: module.VerifyPage })));
const Delegation = lazy(() => import('./pages/delegation').then((module) => ({ default: module.DelegationPage })));
const Budgets = lazy(() => import('./pages/budgets').then((module) => ({ default: module.BudgetsPage })));
const Budget = lazy(() => import('./pages/budget').then((module) => ({ default: module.BudgetPage })));
const Assemblies = lazy(() => import('./pages/assemblies').then((module) => ({ default: module.AssembliesPage })));
const Assembly = lazy(() => import('./pages/assembly').then((module) => ({ default: module.AssemblyPage })));
const Surplus = lazy(() => import('./pages/surplus').then((module) => ({ default: module.SurplusPage })));
const SurplusFlows = lazy(() => import('./pages/surplus-flows').then((module) => ({ default: module.SurplusFlowsPage })));
const Profile = lazy(() => import('./pages/profile').then((module) => ({ default: module.ProfilePage })));
const AdminMembers = lazy(() => import('./admin/members').then((module) => ({ default: module.AdminMembersPage })));
const AdminBudgets = lazy(() => import('./admin/budgets').then((module) => ({ default: module.AdminBudgetsPage })));
const AdminBudget = lazy(() => import('./admin/budget').then((module) => ({ default: module.AdminBudgetPage })));
const AdminAssemblies = lazy(() => import('./admin/assemblies').then((module) => ({ default: module.AdminAssembliesPage })));
const AdminAssembly = lazy(() => import('./admin/assembly').then((module) => ({ default: module.AdminAssemblyPage })));
const AdminBooks = lazy(() => import('./admin/books').then((module) => ({ default: module.AdminBooksPage })));
const AdminBook = lazy(() => import('./admin/book').then((module) => ({ default: module.AdminBookPage })));
const AdminBylaws = lazy(() => import('./admin/bylaws').then((module) => ({ default: module.AdminBylawsPage })));
const Audit = lazy(() => import('./pages/audit').then((module) => ({ default: module.AuditPage })));
const Health = lazy(() => import('./pages/health').then((module) => ({ default: module.HealthPage })));
const Inbox = lazy(() => import('./pages/notifications').then((module) => ({ default: module.NotificationsPage })));
const NotificationSettings = lazy(() =>
  import('./pages/notification-settings').then((module) => ({ default: module.NotificationSettingsPage })),
);
const Shares = lazy(() => import('./pages/shares').then((module) => ({ default: module.SharesPage })));
const NotFound = lazy(() => import('./pages/not-found').then((module) => ({ default: module.NotFoundPage })));

function SignedIn({ children }: { children: React.ReactNode }) {
  const { token } = useSession();
  const location = useLocation();
  if (!token) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <MemberGate>{children}</MemberGate>;
}

export function App() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/register" element={<Register />} />
          <Route
            path="/"
            element={
              <SignedIn>
                <Home />
              </SignedIn>
            }
          />
          <Route
            path="/proposals"
            element={
              <SignedIn>
                <Proposals />
              </SignedIn>
            }
          />
          <Route
            path="/proposals/:id"
            element={
              <SignedIn>
                <Proposal />
              </SignedIn>
            }
          />
          <Route
            path="/verify"
            element={
              <SignedIn>
                <Verify />
              </SignedIn>
            }
          />
          <Route
            path="/delegation"
            element={
              <SignedIn>
                <Delegation />
              </SignedIn>
            }
          />
          <Route
            path="/budgets"
            element={
              <SignedIn>
                <Budgets />
              </SignedIn>
            }
          />
          <Route
            path="/budgets/:id"
            element={
              <SignedIn>
                <Budget />
              </SignedIn>
            }
          />
          <Route
            path="/assemblies"
            element={
              <SignedIn>
                <Assemblies />
              </SignedIn>
            }
          />
          <Route
            path="/assemblies/:id"
            element={
              <SignedIn>
                <Assembly />
              </SignedIn>
            }
          />
          <Route
            path="/surplus"
            element={
              <SignedIn>
                <Surplus />
              </SignedIn>
            }
          />
          <Route
            path="/surplus/:periodId"
            element={
              <SignedIn>
                <SurplusFlows />
              </SignedIn>
            }
          />
          <Route
            path="/profile"
            element={
              <SignedIn>
                <Profile />
              </SignedIn>
            }
          />
          <Route
            path="/admin/members"
            element={
              <SignedIn>
                <AdminMembers />
              </SignedIn>
            }
          />
          <Route
            path="/audit"
            element={
              <SignedIn>
                <Audit />
              </SignedIn>
            }
          />
          <Route
            path="/admin/budgets"
            element={
              <SignedIn>
                <AdminBudgets />
              </SignedIn>
            }
          />
          <Route
            path="/admin/budgets/:id"
            element={
              <SignedIn>
                <AdminBudget />
              </SignedIn>
            }
          />
          <Route
            path="/admin/assemblies"
            element={
              <SignedIn>
                <AdminAssemblies />
              </SignedIn>
            }
          />
          <Route
            path="/admin/assemblies/:id"
            element={
              <SignedIn>
                <AdminAssembly />
              </SignedIn>
            }
          />
          <Route
            path="/admin/books"
            element={
              <SignedIn>
                <AdminBooks />
              </SignedIn>
            }
          />
          <Route
            path="/admin/books/:id"
            element={
              <SignedIn>
                <AdminBook />
              </SignedIn>
            }
          />
          <Route
            path="/admin/bylaws"
            element={
              <SignedIn>
                <AdminBylaws />
              </SignedIn>
            }
          />
          <Route
            path="/governance-health"
            element={
              <SignedIn>
                <Health />
              </SignedIn>
            }
          />
          <Route path="/notifications" element={<SignedIn>{<Inbox />}</SignedIn>} />
          <Route path="/settings/notifications" element={<SignedIn>{<NotificationSettings />}</SignedIn>} />
          <Route path="/shares" element={<SignedIn>{<Shares />}</SignedIn>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
