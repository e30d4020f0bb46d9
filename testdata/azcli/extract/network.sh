#!/bin/bash
# User-defined routing through a firewall, NSGs, a peering to a hub, API server VNet
# integration, virtual nodes and a user-assigned identity.
RG=rg-spoke
LOC=eastus
HUB_VNET=vnet-hub
SPOKE_VNET=vnet-spoke

az network vnet create -g $RG -n $HUB_VNET --address-prefixes 10.200.0.0/16 --subnet-name AzureFirewallSubnet --subnet-prefixes 10.200.0.0/26
az network vnet create -g $RG -n $SPOKE_VNET --address-prefixes 10.1.0.0/16 10.2.0.0/16

az network route-table create -g $RG -n rt-aks --location $LOC
az network route-table route create -g $RG --route-table-name rt-aks -n default-route \
    --address-prefix 0.0.0.0/0 --next-hop-type VirtualAppliance --next-hop-ip-address 10.200.0.4
az network route-table route create -g $RG --route-table-name rt-shared -n to-onprem \
    --address-prefix 172.20.0.0/16 --next-hop-type VirtualNetworkGateway

az network nsg create -g $RG -n nsg-aks
az network nsg rule create -g $RG --nsg-name nsg-aks -n deny-all-in --priority 4000 \
    --direction Inbound --access Deny --protocol '*' \
    --source-address-prefixes '*' --destination-address-prefixes VirtualNetwork --destination-port-ranges '*'

RT_ID=$(az network route-table show -g $RG -n rt-aks --query id -o tsv)
az network vnet subnet create -g $RG --vnet-name $SPOKE_VNET -n snet-nodes --address-prefixes 10.1.0.0/22 \
    --route-table $RT_ID --nsg nsg-aks
az network vnet subnet create -g $RG --vnet-name $SPOKE_VNET -n snet-apiserver --address-prefixes 10.2.0.0/28 \
    --delegations Microsoft.ContainerService/managedClusters
az network vnet subnet create -g $RG --vnet-name $SPOKE_VNET -n snet-aci --address-prefixes 10.2.1.0/24 \
    --delegations Microsoft.ContainerInstance/containerGroups
az network vnet subnet update -g $RG --vnet-name vnet-existing -n snet-existing --route-table rt-shared

az network vnet peering create -g $RG -n spoke-to-hub --vnet-name $SPOKE_VNET --remote-vnet $HUB_VNET --allow-vnet-access
az network vnet peering create -g $RG -n spoke-to-onprem --vnet-name $SPOKE_VNET \
    --remote-vnet /subscriptions/$SUB/resourceGroups/rg-conn/providers/Microsoft.Network/virtualNetworks/vnet-conn

IDENTITY_ID=$(az identity create -g $RG -n id-aks --query id -o tsv)

az aks create -g $RG -n aks-udr \
    --network-plugin azure \
    --outbound-type userDefinedRouting \
    --load-balancer-sku standard \
    --vnet-subnet-id "$(az network vnet subnet show -g $RG --vnet-name $SPOKE_VNET -n snet-nodes --query id -o tsv)" \
    --enable-apiserver-vnet-integration \
    --apiserver-subnet-id "$(az network vnet subnet show -g $RG --vnet-name $SPOKE_VNET -n snet-apiserver --query id -o tsv)" \
    --enable-addons monitoring,virtual-node --aci-subnet-name snet-aci \
    --assign-identity $IDENTITY_ID \
    --docker-bridge-address 172.17.0.1/16 \
    --vm-set-type VirtualMachineScaleSets --os-sku AzureLinux

az aks update -g $RG -n aks-udr --network-policy azure
az aks update -g $RG -n aks-existing --network-dataplane cilium --network-policy cilium
az aks nodepool scale -g $RG --cluster-name aks-udr --name nodepool1 --node-count 4
az aks nodepool update -g $RG --cluster-name aks-udr -n nodepool1 --enable-cluster-autoscaler --min-count 1 --max-count 5 --max-surge 50%
az aks nodepool update -g $RG --cluster-name aks-existing -n pool9 --max-surge 2
